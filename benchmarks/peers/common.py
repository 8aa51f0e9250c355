"""What every peer solver writes: PREFIX.json (status, objective, bound,
notes) and PREFIX.x (the names of the columns at 1 whose names start with
`x_`, callup's seat variables x[cadre,class], one a line)."""

import json


def write(prefix, status, objective=None, bound=None, x_names=(), notes=()):
    with open(prefix + ".x", "w") as f:
        for n in x_names:
            f.write(n + "\n")
    with open(prefix + ".json", "w") as f:
        json.dump({"status": status, "objective": objective, "bound": bound, "notes": list(notes)}, f)
    print("RESULT", status, objective, bound, flush=True)
