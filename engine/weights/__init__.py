"""Find, verify, download, import and pack ImageNet weight files.

Which file a model needs is what Keras itself would ask for: the file name, URL and hash
are captured from the ``get_file`` call inside ``keras.applications`` (see
:mod:`engine.builder`), pre-computed for the usual variants in
``resources/weights_manifest.json`` (with a sha256/size or a structure fingerprint for every
file) so that listing the zoo builds nothing.

This package knows files, not models: it never builds one.  What needs a model (proving an
import loads, deriving a no-top base) is handed in as a function by
:mod:`engine.model_weights`, the model-level API the GUI and the command line call.

- :mod:`.resolve` — the one search: candidates in order, each verified, :func:`locate` and
  :func:`peek` (where it would come from, reading no file: for lists and the model card)
- :mod:`.sources` — the folders searched, in order
- :mod:`.verify` — hash / size / structure checks, memoised per file state
- :mod:`.download` — capped, stall-proof, cancellable, verified downloads
- :mod:`.importing` — import (proven to load, format kept), replace, remove
- :mod:`.notop` — bookkeeping of no-top bases derived from a full file
- :mod:`.packs`, :mod:`.packing` — weight packs for offline labs
"""

from __future__ import annotations

from .download import download, mirror_url
from .importing import ImportRecord, RemoveResult, import_file, imported_dir
from .manifest import (GLOBAL_DOWNLOAD_CAP, KERAS_WEIGHTS_BASE, WeightsFile, from_manifest,
                       hash_algorithm, official_checks)
from .packing import PackReport, make_pack
from .resolve import locate, missing_error, peek
from .sources import search_dirs
from .status import Attempt, Problem, WeightsStatus
from .verify import Verdict, verify_file

__all__ = [
    "GLOBAL_DOWNLOAD_CAP", "KERAS_WEIGHTS_BASE", "Attempt", "ImportRecord", "PackReport", "Problem",
    "RemoveResult", "Verdict", "WeightsFile", "WeightsStatus", "download", "from_manifest", "hash_algorithm",
    "import_file", "imported_dir", "locate", "make_pack", "mirror_url", "missing_error", "official_checks",
    "peek", "search_dirs", "verify_file",
]
