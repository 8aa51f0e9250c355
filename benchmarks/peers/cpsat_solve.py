#!/usr/bin/env python3
"""CP-SAT (OR-Tools) on an exported model: cpsat_solve.py MODEL SECONDS THREADS PREFIX

The MPS file is read with OR-Tools' model_builder and handed to CP-SAT
("sat"). CP-SAT works on integers: the MIP-to-CP-SAT conversion scales
fractional coefficients to integers itself (its log reports the relative
error) and turns continuous variables with few values into integers. The
notes say how many objective coefficients were fractional."""

import math
import sys

from ortools.linear_solver.python import model_builder as mb

import common

model, seconds, threads, prefix = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
m = mb.Model()
if not m.import_from_mps_file(model):
    common.write(prefix, "failed", notes=["OR-Tools could not read the model"])
    sys.exit(1)
proto = m.export_to_proto()
coefs = [v.objective_coefficient for v in proto.variable]
fractional = sum(1 for c in coefs if c != round(c))
continuous = sum(1 for v in proto.variable if not v.is_integer)
del proto
notes = [f"{threads} worker(s)",
         f"{fractional} fractional objective coefficients" + (" (scaled by CP-SAT)" if fractional else ""),
         f"{continuous} continuous columns (CP-SAT makes them integer when their domain is small)"]
s = mb.Solver("sat")
s.enable_output(True)
s.set_time_limit_in_seconds(seconds)
s.set_solver_specific_parameters(f"num_workers:{threads}")
st = s.solve(m)
S = mb.SolveStatus
if st == S.OPTIMAL:
    status = "optimal"
elif st == S.FEASIBLE:
    status = "feasible"
elif st == S.INFEASIBLE:
    status = "infeasible"
elif st in (S.NOT_SOLVED, S.UNKNOWN_STATUS, S.CANCELLED_BY_USER):
    status = "no integer solution"
else:
    status = "failed"
notes.append(f"solve status {st.name}")
objective = s.objective_value if status in ("optimal", "feasible") else None
try:
    bound = float(s.best_objective_bound)
    bound = bound if math.isfinite(bound) else None
except (TypeError, ValueError):  # no bound (pandas NA)
    bound = None
names = []
if objective is not None:
    variables = m.get_variables()
    values = s.values(variables)
    names = [v.name for v, x in zip(variables, values) if x > 0.5 and v.name.startswith("x_")]
common.write(prefix, status, objective, bound, names, notes)
