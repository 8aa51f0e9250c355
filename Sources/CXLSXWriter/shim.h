// libxlsxwriter (Debian: libxlsxwriter-dev), the only .xlsx writer of callup.
#include <xlsxwriter.h>
