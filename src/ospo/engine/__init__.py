"""The scanning engine: a pure library (no Django) that turns trees into plain data.

Entry points: :func:`ospo.engine.api.scan_input` for one input of any kind (directory, git repository,
git URL, SBOM file), and :mod:`ospo.engine.sbom` for writing the results as CycloneDX or SPDX.
"""
