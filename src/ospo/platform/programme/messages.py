"""Messages of ``ospo report`` in the four languages (the engine's Catalog; completeness is tested)."""

from __future__ import annotations

from ospo.engine.i18n import Catalog

CATALOG = Catalog({
    "report.written": {
        "en": "Report for {period} written to {path} ({format}, {language})",
        "es": "Informe de {period} escrito en {path} ({format}, {language})",
        "pt-BR": "Relatório de {period} gravado em {path} ({format}, {language})",
        "fr": "Rapport de {period} écrit dans {path} ({format}, {language})",
    },
    "report.bad_period": {
        "en": "Invalid period {period}: use a year (2026) or a month (2026-03).",
        "es": "Período no válido {period}: use un año (2026) o un mes (2026-03).",
        "pt-BR": "Período inválido {period}: use um ano (2026) ou um mês (2026-03).",
        "fr": "Période non valide {period} : indiquez une année (2026) ou un mois (2026-03).",
    },
    "report.no_pdf": {
        "en": "PDF output needs WeasyPrint and the Pango libraries (Debian: libpango-1.0-0 libpangoft2-1.0-0): {error}",
        "es": "La salida PDF necesita WeasyPrint y las bibliotecas Pango (Debian: libpango-1.0-0 libpangoft2-1.0-0): "
              "{error}",
        "pt-BR": "A saída em PDF precisa do WeasyPrint e das bibliotecas Pango (Debian: libpango-1.0-0 "
                 "libpangoft2-1.0-0): {error}",
        "fr": "La sortie PDF nécessite WeasyPrint et les bibliothèques Pango (Debian : libpango-1.0-0 "
              "libpangoft2-1.0-0) : {error}",
    },
    "report.cannot_write": {
        "en": "Cannot write {path}: {error}",
        "es": "No se puede escribir {path}: {error}",
        "pt-BR": "Não é possível gravar {path}: {error}",
        "fr": "Impossible d'écrire {path} : {error}",
    },
})
