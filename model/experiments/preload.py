"""What the fork server loads before it forks any worker (:mod:`.processes`).

The model's modules, imported once; then every object they made is moved out of
the garbage collector's reach (:func:`gc.freeze`). A worker forked from the
server shares those pages with it and with every other worker until one of them
writes to a page; a collection in a worker would otherwise write to the header
of every object it scans, and so give each worker its own copy of the whole
imported heap. The Python documentation recommends exactly this before a fork
without exec (see :func:`gc.freeze`).
"""

import gc

import digistrat.core  # noqa: F401 - the model
import digistrat.experiments.sweep.plan  # noqa: F401 - what a sweep's workers run

gc.collect()
gc.freeze()
