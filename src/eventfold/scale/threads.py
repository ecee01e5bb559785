"""One math-library thread per worker process (imports nothing, so that it can be applied before numpy loads).

One process per core, and one thread per process: numpy's default of a thread per core in every
worker (the classifier's and the embedder's matrix products) makes N workers slower than one.
"""

SINGLE_THREADED = {name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                                          "BLIS_NUM_THREADS", "NUMEXPR_NUM_THREADS")}
