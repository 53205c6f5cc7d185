"""The OSPO programme in the platform (issue 8, part B): a Django app wrapping :mod:`ospo.programme`.

Assessments, the Mission Model Canvas, stakeholder research, the roadmap, the service desk, the cost model,
KPIs, the public dashboard and reports. Scoring, validation, JSON forms, KPI arithmetic and the canvas HTML all
stay in the pure-Python library; this app stores, edits and presents them.
"""
