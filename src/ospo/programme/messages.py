"""User-facing messages of the programme library, in the four languages (see :mod:`ospo.engine.i18n`)."""

from __future__ import annotations

from ospo.engine.i18n import Catalog

CATALOG = Catalog({
    "v.parse": {
        "en": "cannot be read: {reason}",
        "es": "no se puede leer: {reason}",
        "pt-BR": "não pode ser lido: {reason}",
        "fr": "illisible : {reason}",
    },
    "v.type": {
        "en": "expected {expected}, found {found}",
        "es": "se esperaba {expected}, se encontró {found}",
        "pt-BR": "esperado {expected}, encontrado {found}",
        "fr": "{expected} attendu, {found} trouvé",
    },
    "v.missing": {
        "en": "required key is missing",
        "es": "falta una clave obligatoria",
        "pt-BR": "falta uma chave obrigatória",
        "fr": "clé obligatoire manquante",
    },
    "v.unknown-key": {
        "en": "unknown key (allowed: {allowed})",
        "es": "clave desconocida (permitidas: {allowed})",
        "pt-BR": "chave desconhecida (permitidas: {allowed})",
        "fr": "clé inconnue (autorisées : {allowed})",
    },
    "v.empty": {
        "en": "must not be empty",
        "es": "no puede estar vacío",
        "pt-BR": "não pode estar vazio",
        "fr": "ne doit pas être vide",
    },
    "v.language-missing": {
        "en": "text missing in language {language}",
        "es": "falta el texto en el idioma {language}",
        "pt-BR": "falta o texto no idioma {language}",
        "fr": "texte manquant dans la langue {language}",
    },
    "v.choice": {
        "en": "{value!r} is not one of: {choices}",
        "es": "{value!r} no es uno de: {choices}",
        "pt-BR": "{value!r} não é um de: {choices}",
        "fr": "{value!r} ne fait pas partie de : {choices}",
    },
    "v.duplicate": {
        "en": "duplicate id {value!r}",
        "es": "identificador duplicado {value!r}",
        "pt-BR": "identificador duplicado {value!r}",
        "fr": "identifiant en double {value!r}",
    },
    "v.id": {
        "en": "invalid id {value!r} (letters, digits, '.', '-', '_'; up to 64 characters)",
        "es": "identificador no válido {value!r} (letras, dígitos, '.', '-', '_'; hasta 64 caracteres)",
        "pt-BR": "identificador inválido {value!r} (letras, dígitos, '.', '-', '_'; até 64 caracteres)",
        "fr": "identifiant invalide {value!r} (lettres, chiffres, '.', '-', '_' ; 64 caractères au plus)",
    },
    "v.range": {
        "en": "{value} is outside {low}..{high}",
        "es": "{value} está fuera de {low}..{high}",
        "pt-BR": "{value} está fora de {low}..{high}",
        "fr": "{value} est hors de {low}..{high}",
    },
    "v.levels": {
        "en": "scale levels must be consecutive integers starting at 0",
        "es": "los niveles de la escala deben ser enteros consecutivos desde 0",
        "pt-BR": "os níveis da escala devem ser inteiros consecutivos a partir de 0",
        "fr": "les niveaux de l'échelle doivent être des entiers consécutifs à partir de 0",
    },
    "v.date": {
        "en": "{value!r} is not a date (YYYY-MM-DD)",
        "es": "{value!r} no es una fecha (AAAA-MM-DD)",
        "pt-BR": "{value!r} não é uma data (AAAA-MM-DD)",
        "fr": "{value!r} n'est pas une date (AAAA-MM-JJ)",
    },
    "v.too-long": {
        "en": "longer than {limit} characters",
        "es": "supera los {limit} caracteres",
        "pt-BR": "ultrapassa {limit} caracteres",
        "fr": "dépasse {limit} caractères",
    },
    "v.unknown-template": {
        "en": "unknown template {value!r}",
        "es": "plantilla desconocida {value!r}",
        "pt-BR": "modelo desconhecido {value!r}",
        "fr": "modèle inconnu {value!r}",
    },
    "v.unknown-criterion": {
        "en": "criterion {value!r} is not in template {template}",
        "es": "el criterio {value!r} no está en la plantilla {template}",
        "pt-BR": "o critério {value!r} não está no modelo {template}",
        "fr": "le critère {value!r} n'est pas dans le modèle {template}",
    },
    "v.level-and-na": {
        "en": "an answer marked not applicable cannot have a level",
        "es": "una respuesta marcada como no aplicable no puede tener nivel",
        "pt-BR": "uma resposta marcada como não aplicável não pode ter nível",
        "fr": "une réponse marquée non applicable ne peut pas avoir de niveau",
    },
    "v.too-many": {
        "en": "more than {limit} entries",
        "es": "más de {limit} elementos",
        "pt-BR": "mais de {limit} itens",
        "fr": "plus de {limit} éléments",
    },
    "v.schema": {
        "en": "unknown document kind {value!r}; expected {expected}",
        "es": "tipo de documento desconocido {value!r}; se esperaba {expected}",
        "pt-BR": "tipo de documento desconhecido {value!r}; esperado {expected}",
        "fr": "type de document inconnu {value!r} ; {expected} attendu",
    },
    "prefill.note": {
        "en": "Pre-filled from engine results ({evidence}); confirm or correct.",
        "es": "Rellenado a partir de los resultados del motor ({evidence}); confírmelo o corríjalo.",
        "pt-BR": "Preenchido a partir dos resultados do motor ({evidence}); confirme ou corrija.",
        "fr": "Pré-rempli à partir des résultats du moteur ({evidence}) ; confirmez ou corrigez.",
    },
    "prefill.unevaluated": {
        "en": "The engine could not evaluate this criterion ({evidence}); assess it by hand.",
        "es": "El motor no pudo evaluar este criterio ({evidence}); evalúelo manualmente.",
        "pt-BR": "O motor não pôde avaliar este critério ({evidence}); avalie-o manualmente.",
        "fr": "Le moteur n'a pas pu évaluer ce critère ({evidence}) ; évaluez-le à la main.",
    },
    "cli.valid": {
        "en": "{path}: valid {kind}",
        "es": "{path}: {kind} válido",
        "pt-BR": "{path}: {kind} válido",
        "fr": "{path} : {kind} valide",
    },
    "cli.invalid": {
        "en": "{path}: {count} problem(s)",
        "es": "{path}: {count} problema(s)",
        "pt-BR": "{path}: {count} problema(s)",
        "fr": "{path} : {count} problème(s)",
    },
    "cli.overall": {
        "en": "Overall: {score} ({answered} of {total} criteria answered)",
        "es": "Total: {score} ({answered} de {total} criterios respondidos)",
        "pt-BR": "Geral: {score} ({answered} de {total} critérios respondidos)",
        "fr": "Global : {score} ({answered} critères renseignés sur {total})",
    },
    "cli.written": {
        "en": "written: {path}",
        "es": "escrito: {path}",
        "pt-BR": "gravado: {path}",
        "fr": "écrit : {path}",
    },
    "canvas.assumptions": {
        "en": "Assumptions",
        "es": "Supuestos",
        "pt-BR": "Hipóteses",
        "fr": "Hypothèses",
    },
    "canvas.evidence": {
        "en": "Evidence",
        "es": "Evidencia",
        "pt-BR": "Evidência",
        "fr": "Preuves",
    },
    "canvas.version": {
        "en": "Version {version}, {date}",
        "es": "Versión {version}, {date}",
        "pt-BR": "Versão {version}, {date}",
        "fr": "Version {version}, {date}",
    },
    "canvas.empty": {
        "en": "Nothing recorded yet.",
        "es": "Nada registrado todavía.",
        "pt-BR": "Nada registrado ainda.",
        "fr": "Rien n'est encore consigné.",
    },
})
