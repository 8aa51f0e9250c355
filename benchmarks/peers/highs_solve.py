#!/usr/bin/env python3
"""HiGHS (highspy) on an exported model: highs_solve.py MODEL SECONDS THREADS PREFIX"""

import math
import sys

import highspy

import common

model, seconds, threads, prefix = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
h = highspy.Highs()
h.setOptionValue("time_limit", seconds)
h.setOptionValue("threads", threads)
if h.readModel(model) != highspy.HighsStatus.kOk:
    common.write(prefix, "failed", notes=["HiGHS could not read the model"])
    sys.exit(1)
h.run()
ms = h.getModelStatus()
info = h.getInfo()
has_solution = info.primal_solution_status == 2  # kSolutionStatusFeasible
S = highspy.HighsModelStatus
if ms == S.kOptimal:
    status = "optimal"
elif ms == S.kInfeasible:
    status = "infeasible"
elif ms == S.kMemoryLimit:
    status = "out of memory"
elif has_solution:
    status = "feasible"
elif ms in (S.kTimeLimit, S.kInterrupt, S.kIterationLimit):
    status = "no integer solution"
else:
    status = "failed"
objective = info.objective_function_value if has_solution else None
bound = info.mip_dual_bound if math.isfinite(info.mip_dual_bound) else None
names = []
if has_solution:
    values = h.getSolution().col_value
    lp = h.getLp()
    names = [n for n, v in zip(lp.col_names_, values) if v > 0.5 and n.startswith("x_")]
common.write(prefix, status, objective, bound, names, [f"model status {h.modelStatusToString(ms)}"])
