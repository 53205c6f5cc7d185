"""The programme domain library: the instruments of the OSPO method as plain data and pure functions.

No Django and no database: assessments (templates as data, answers, scores, comparison), the Mission Model
Canvas, stakeholder research, the staged roadmap, the cost model and funding mix, and KPI definitions with
their computation. The platform wraps these with models and pages; the CLI uses them directly.
"""
