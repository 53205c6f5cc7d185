"""Every user-facing text of ``ospo vulns`` (scan, triage, reports), in the four languages (see ospo.engine.i18n).

Warnings travel through the engine as (key, params) so that the platform can show them in the reader's language;
only the renderers turn them into text.
"""

from __future__ import annotations

from ospo.engine.i18n import Catalog

CATALOG = Catalog({
    # ---------------------------------------------------------------- warnings
    "warn.db_empty": {
        "en": "the vulnerability database is EMPTY: no advisories were checked, so no findings means nothing. "
              "Run `ospo vulndb import PATH` or `ospo vulndb update`.",
        "es": "la base de datos de vulnerabilidades está VACÍA: no se comprobó ningún aviso, así que la ausencia de "
              "hallazgos no significa nada. Ejecute `ospo vulndb import RUTA` u `ospo vulndb update`.",
        "pt-BR": "o banco de dados de vulnerabilidades está VAZIO: nenhum aviso foi verificado, então a ausência de "
                 "achados não significa nada. Execute `ospo vulndb import CAMINHO` ou `ospo vulndb update`.",
        "fr": "la base de vulnérabilités est VIDE : aucun avis n'a été vérifié, l'absence de résultat ne prouve donc "
              "rien. Lancez `ospo vulndb import CHEMIN` ou `ospo vulndb update`.",
    },
    "warn.db_stale": {
        "en": "the vulnerability database is STALE: its newest advisory was modified {age} days ago ({newest}; "
              "limit {limit} days; last import {imported}). Advisories published since are missing. "
              "Run `ospo vulndb update` or import a newer snapshot.",
        "es": "la base de datos de vulnerabilidades está DESACTUALIZADA: su aviso más reciente se modificó hace "
              "{age} días ({newest}; límite {limit} días; última importación {imported}). Faltan los avisos "
              "publicados desde entonces. Ejecute `ospo vulndb update` o importe una instantánea más reciente.",
        "pt-BR": "o banco de dados de vulnerabilidades está DESATUALIZADO: seu aviso mais recente foi modificado há "
                 "{age} dias ({newest}; limite {limit} dias; última importação {imported}). Faltam os avisos "
                 "publicados desde então. Execute `ospo vulndb update` ou importe um instantâneo mais recente.",
        "fr": "la base de vulnérabilités est PÉRIMÉE : son avis le plus récent a été modifié il y a {age} jours "
              "({newest} ; limite {limit} jours ; dernier import {imported}). Les avis publiés depuis manquent. "
              "Lancez `ospo vulndb update` ou importez un instantané plus récent.",
    },
    "warn.db_undated": {
        "en": "the vulnerability database has no dated advisories: its age is unknown.",
        "es": "la base de datos de vulnerabilidades no tiene avisos fechados: se desconoce su antigüedad.",
        "pt-BR": "o banco de dados de vulnerabilidades não tem avisos datados: sua idade é desconhecida.",
        "fr": "la base de vulnérabilités ne contient aucun avis daté : son âge est inconnu.",
    },
    "warn.online_failed": {
        "en": "online source {source} failed ({reason}); results come from the local database only.",
        "es": "la fuente en línea {source} falló ({reason}); los resultados provienen solo de la base local.",
        "pt-BR": "a fonte online {source} falhou ({reason}); os resultados vêm apenas do banco local.",
        "fr": "la source en ligne {source} a échoué ({reason}) ; les résultats viennent de la seule base locale.",
    },
    "warn.triage": {
        "en": "triage file {path}: {reason}",
        "es": "archivo de triaje {path}: {reason}",
        "pt-BR": "arquivo de triagem {path}: {reason}",
        "fr": "fichier de tri {path} : {reason}",
    },
    "warn.issues": {
        "en": "{count} file(s) could not be read completely: their components may be missing from this check.",
        "es": "{count} archivo(s) no se pudieron leer por completo: sus componentes pueden faltar en esta "
              "comprobación.",
        "pt-BR": "{count} arquivo(s) não puderam ser lidos por completo: seus componentes podem faltar nesta "
                 "verificação.",
        "fr": "{count} fichier(s) n'ont pas pu être lus entièrement : leurs composants peuvent manquer à cette "
              "vérification.",
    },
    "warn.prefix": {"en": "WARNING", "es": "ADVERTENCIA", "pt-BR": "AVISO", "fr": "AVERTISSEMENT"},
    # ---------------------------------------------------------------- table
    "report.header": {
        "en": "{name}: {findings} known vulnerability finding(s) in {checked} checked component(s)",
        "es": "{name}: {findings} hallazgo(s) de vulnerabilidades conocidas en {checked} componente(s) comprobado(s)",
        "pt-BR": "{name}: {findings} achado(s) de vulnerabilidades conhecidas em {checked} componente(s) "
                 "verificado(s)",
        "fr": "{name} : {findings} vulnérabilité(s) connue(s) dans {checked} composant(s) vérifié(s)",
    },
    "report.columns": {
        "en": "Severity|Package|Version|Vulnerability|Fix|State|Location",
        "es": "Severidad|Paquete|Versión|Vulnerabilidad|Corrección|Estado|Ubicación",
        "pt-BR": "Severidade|Pacote|Versão|Vulnerabilidade|Correção|Estado|Local",
        "fr": "Gravité|Paquet|Version|Vulnérabilité|Correctif|État|Emplacement",
    },
    "report.none": {
        "en": "No known vulnerability in the checked components (for the advisories in the database).",
        "es": "Ninguna vulnerabilidad conocida en los componentes comprobados (según los avisos de la base).",
        "pt-BR": "Nenhuma vulnerabilidade conhecida nos componentes verificados (segundo os avisos do banco).",
        "fr": "Aucune vulnérabilité connue dans les composants vérifiés (d'après les avis de la base).",
    },
    "report.database": {
        "en": "Database: {advisories} advisories; newest modified {newest}; last import {imported}",
        "es": "Base de datos: {advisories} avisos; modificación más reciente {newest}; última importación {imported}",
        "pt-BR": "Banco de dados: {advisories} avisos; modificação mais recente {newest}; última importação "
                 "{imported}",
        "fr": "Base : {advisories} avis ; dernière modification {newest} ; dernier import {imported}",
    },
    "report.unpinned": {
        "en": "Not checked: version not pinned ({count}): {names}",
        "es": "No comprobado: versión no fijada ({count}): {names}",
        "pt-BR": "Não verificado: versão não fixada ({count}): {names}",
        "fr": "Non vérifié : version non figée ({count}) : {names}",
    },
    "report.unsupported": {
        "en": "Not checked: no advisory data for this ecosystem ({count}): {names}",
        "es": "No comprobado: no hay avisos para este ecosistema ({count}): {names}",
        "pt-BR": "Não verificado: não há avisos para este ecossistema ({count}): {names}",
        "fr": "Non vérifié : aucun avis pour cet écosystème ({count}) : {names}",
    },
    "report.not_a_version": {
        "en": "Not checked: the version is a constraint or a tag, not one exact version ({count}): {names}",
        "es": "No comprobado: la versión es una restricción o una etiqueta, no una versión exacta ({count}): {names}",
        "pt-BR": "Não verificado: a versão é uma restrição ou um rótulo, não uma versão exata ({count}): {names}",
        "fr": "Non vérifié : la version est une contrainte ou une étiquette, pas une version exacte ({count}) : "
              "{names}",
    },
    "report.summary": {
        "en": "Critical {critical}, High {high}, Medium {medium}, Low {low}, other {other}; triaged away {closed}",
        "es": "Crítica {critical}, Alta {high}, Media {medium}, Baja {low}, otras {other}; descartadas por triaje "
              "{closed}",
        "pt-BR": "Crítica {critical}, Alta {high}, Média {medium}, Baixa {low}, outras {other}; descartadas na "
                 "triagem {closed}",
        "fr": "Critique {critical}, Élevée {high}, Moyenne {medium}, Faible {low}, autres {other} ; écartées par le "
              "tri {closed}",
    },
    "report.upgrade": {"en": "upgrade to {version}", "es": "actualizar a {version}",
                       "pt-BR": "atualizar para {version}", "fr": "mettre à jour vers {version}"},
    "report.no_fix": {"en": "no fix known", "es": "sin corrección conocida", "pt-BR": "sem correção conhecida",
                      "fr": "aucun correctif connu"},
    # ---------------------------------------------------------------- SARIF
    "sarif.message": {
        "en": "{name}@{version} is affected by {id} ({severity}): {summary}. {fix}",
        "es": "{name}@{version} está afectado por {id} ({severity}): {summary}. {fix}",
        "pt-BR": "{name}@{version} é afetado por {id} ({severity}): {summary}. {fix}",
        "fr": "{name}@{version} est concerné par {id} ({severity}) : {summary}. {fix}",
    },
    "sarif.rule": {
        "en": "Known vulnerability {id}", "es": "Vulnerabilidad conocida {id}",
        "pt-BR": "Vulnerabilidade conhecida {id}", "fr": "Vulnérabilité connue {id}",
    },
    # ---------------------------------------------------------------- states and ratings
    "state.untriaged": {"en": "untriaged", "es": "sin triaje", "pt-BR": "sem triagem", "fr": "non trié"},
    "state.in_triage": {"en": "in triage", "es": "en triaje", "pt-BR": "em triagem", "fr": "en cours d'analyse"},
    "state.affected": {"en": "affected", "es": "afectado", "pt-BR": "afetado", "fr": "affecté"},
    "state.not_affected": {"en": "not affected", "es": "no afectado", "pt-BR": "não afetado", "fr": "non affecté"},
    "state.fixed": {"en": "fixed", "es": "corregido", "pt-BR": "corrigido", "fr": "corrigé"},
    "state.false_positive": {"en": "false positive", "es": "falso positivo", "pt-BR": "falso positivo",
                             "fr": "faux positif"},
    "rating.Critical": {"en": "Critical", "es": "Crítica", "pt-BR": "Crítica", "fr": "Critique"},
    "rating.High": {"en": "High", "es": "Alta", "pt-BR": "Alta", "fr": "Élevée"},
    "rating.Medium": {"en": "Medium", "es": "Media", "pt-BR": "Média", "fr": "Moyenne"},
    "rating.Low": {"en": "Low", "es": "Baja", "pt-BR": "Baixa", "fr": "Faible"},
    "rating.None": {"en": "None", "es": "Ninguna", "pt-BR": "Nenhuma", "fr": "Aucune"},
    "rating.Unknown": {"en": "Unknown", "es": "Desconocida", "pt-BR": "Desconhecida", "fr": "Inconnue"},
    # ---------------------------------------------------------------- command
    "cli.triage_saved": {
        "en": "{count} triage decision(s) imported into {path}",
        "es": "{count} decisión(es) de triaje importada(s) en {path}",
        "pt-BR": "{count} decisão(ões) de triagem importada(s) em {path}",
        "fr": "{count} décision(s) de tri importée(s) dans {path}",
    },
    "cli.vex_unreadable": {
        "en": "cannot import {path}: {reason}",
        "es": "no se puede importar {path}: {reason}",
        "pt-BR": "não é possível importar {path}: {reason}",
        "fr": "impossible d'importer {path} : {reason}",
    },
})
