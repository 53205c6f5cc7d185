"""Catalog messages (importer problems, CLI output) in en/es/pt-BR/fr, kept together so none is forgotten."""

from __future__ import annotations

from ospo.engine.i18n import Catalog

_FILES = {
    "unreadable": {
        "en": "cannot read the file: {detail}",
        "es": "no se puede leer el archivo: {detail}",
        "pt-BR": "não é possível ler o arquivo: {detail}",
        "fr": "impossible de lire le fichier : {detail}",
    },
    "sloc_failed": {
        "en": "source lines not measured: {detail}",
        "es": "líneas de código no medidas: {detail}",
        "pt-BR": "linhas de código não medidas: {detail}",
        "fr": "lignes de code non mesurées : {detail}",
    },
    "too_large": {
        "en": "larger than {limit} bytes: not read",
        "es": "mayor de {limit} bytes: no se leyó",
        "pt-BR": "maior que {limit} bytes: não foi lido",
        "fr": "plus de {limit} octets : non lu",
    },
    "wrong_shape": {
        "en": "{what} is not in the expected shape (expected {expected})",
        "es": "{what} no tiene la forma esperada (se esperaba {expected})",
        "pt-BR": "{what} não tem a forma esperada (esperado {expected})",
        "fr": "{what} n'a pas la forme attendue ({expected} attendu)",
    },
    "missing_name": {
        "en": "entry {index} has no name and was skipped",
        "es": "la entrada {index} no tiene nombre y se omitió",
        "pt-BR": "a entrada {index} não tem nome e foi ignorada",
        "fr": "l'entrée {index} n'a pas de nom et a été ignorée",
    },
    "unknown_format": {
        "en": "format not recognised (publiccode.yml, Catalogi/SILL JSON, DPG registry JSON, code.json, ORE YAML)",
        "es": "formato no reconocido (publiccode.yml, JSON de Catalogi/SILL, JSON del registro DPG, code.json, "
        "YAML ORE)",
        "pt-BR": "formato não reconhecido (publiccode.yml, JSON Catalogi/SILL, JSON do registro DPG, code.json, "
        "YAML ORE)",
        "fr": "format non reconnu (publiccode.yml, JSON Catalogi/SILL, JSON du registre DPG, code.json, YAML ORE)",
    },
    "normalized": {
        "en": "deprecated key {old} moved to {new}",
        "es": "la clave obsoleta {old} se movió a {new}",
        "pt-BR": "a chave obsoleta {old} foi movida para {new}",
        "fr": "la clé obsolète {old} a été déplacée vers {new}",
    },
    "imported": {
        "en": "{path}: {count} entries imported ({created} new, {updated} updated) as {format}",
        "es": "{path}: {count} entradas importadas ({created} nuevas, {updated} actualizadas) como {format}",
        "pt-BR": "{path}: {count} entradas importadas ({created} novas, {updated} atualizadas) como {format}",
        "fr": "{path} : {count} entrées importées ({created} nouvelles, {updated} mises à jour) au format {format}",
    },
    "problem": {
        "en": "{path}: {field}: {message}",
        "es": "{path}: {field}: {message}",
        "pt-BR": "{path}: {field}: {message}",
        "fr": "{path} : {field} : {message}",
    },
    "exported": {
        "en": "{count} files written to {path}",
        "es": "{count} archivos escritos en {path}",
        "pt-BR": "{count} arquivos gravados em {path}",
        "fr": "{count} fichiers écrits dans {path}",
    },
}

# Contribute-back ranking (ospo.catalog.contribute), duplication reasons and value.
_RANKING = {
    "reason.dependence": {
        "en": "used by {agencies} agencies, {direct} repositories directly, {transitive} transitively",
        "es": "usado por {agencies} organismos, {direct} repositorios directamente, {transitive} transitivamente",
        "pt-BR": "usado por {agencies} órgãos, {direct} repositórios diretamente, {transitive} transitivamente",
        "fr": "utilisé par {agencies} organismes, {direct} dépôts directement, {transitive} transitivement",
    },
    "reason.vulnerabilities": {
        "en": "known vulnerabilities: risk {value}",
        "es": "vulnerabilidades conocidas: riesgo {value}",
        "pt-BR": "vulnerabilidades conhecidas: risco {value}",
        "fr": "vulnérabilités connues : risque {value}",
    },
    "reason.maintenance": {
        "en": "maintenance activity: risk {value}",
        "es": "actividad de mantenimiento: riesgo {value}",
        "pt-BR": "atividade de manutenção: risco {value}",
        "fr": "activité de maintenance : risque {value}",
    },
    "reason.bus_factor": {
        "en": "bus factor: risk {value}",
        "es": "factor bus: riesgo {value}",
        "pt-BR": "fator ônibus: risco {value}",
        "fr": "facteur d'autobus : risque {value}",
    },
    "reason.license": {
        "en": "license: risk {value}",
        "es": "licencia: riesgo {value}",
        "pt-BR": "licença: risco {value}",
        "fr": "licence : risque {value}",
    },
    "reason.unknown": {
        "en": "not yet known (counted as medium risk): {factors}",
        "es": "aún desconocido (contado como riesgo medio): {factors}",
        "pt-BR": "ainda desconhecido (contado como risco médio): {factors}",
        "fr": "pas encore connu (compté comme risque moyen) : {factors}",
    },
    "action.fix_vulnerabilities": {
        "en": "Contribute fixes upstream for the known vulnerabilities, or fund them",
        "es": "Contribuir correcciones de las vulnerabilidades conocidas al proyecto original, o financiarlas",
        "pt-BR": "Contribuir correções das vulnerabilidades conhecidas ao projeto original, ou financiá-las",
        "fr": "Contribuer en amont les correctifs des vulnérabilités connues, ou les financer",
    },
    "action.fund_maintenance": {
        "en": "Fund maintenance or plan a migration: the project is inactive",
        "es": "Financiar el mantenimiento o planificar una migración: el proyecto está inactivo",
        "pt-BR": "Financiar a manutenção ou planejar uma migração: o projeto está inativo",
        "fr": "Financer la maintenance ou prévoir une migration : le projet est inactif",
    },
    "action.co_maintain": {
        "en": "Offer co-maintainers: too few people maintain it",
        "es": "Ofrecer co-mantenedores: muy pocas personas lo mantienen",
        "pt-BR": "Oferecer co-mantenedores: pouquíssimas pessoas o mantêm",
        "fr": "Proposer des co-mainteneurs : trop peu de personnes le maintiennent",
    },
    "action.license_review": {
        "en": "Legal review of the license; ask upstream to clarify or relicense",
        "es": "Revisión jurídica de la licencia; pedir al proyecto que la aclare o la cambie",
        "pt-BR": "Revisão jurídica da licença; pedir ao projeto que a esclareça ou a altere",
        "fr": "Revue juridique de la licence ; demander au projet de la clarifier ou de la changer",
    },
    "action.assess": {
        "en": "Assess it: scan for vulnerabilities, maintenance and bus factor",
        "es": "Evaluarlo: analizar vulnerabilidades, mantenimiento y factor bus",
        "pt-BR": "Avaliá-lo: analisar vulnerabilidades, manutenção e fator ônibus",
        "fr": "L'évaluer : analyser vulnérabilités, maintenance et facteur d'autobus",
    },
    "action.sponsor": {
        "en": "Healthy and widely used: sponsor it and contribute improvements",
        "es": "Sano y muy usado: patrocinarlo y contribuir mejoras",
        "pt-BR": "Saudável e muito usado: patrociná-lo e contribuir melhorias",
        "fr": "Sain et très utilisé : le parrainer et contribuer des améliorations",
    },
    "dup.dependencies": {
        "en": "dependency sets {value}% similar",
        "es": "conjuntos de dependencias {value}% similares",
        "pt-BR": "conjuntos de dependências {value}% semelhantes",
        "fr": "ensembles de dépendances similaires à {value} %",
    },
    "dup.description": {
        "en": "descriptions {value}% similar",
        "es": "descripciones {value}% similares",
        "pt-BR": "descrições {value}% semelhantes",
        "fr": "descriptions similaires à {value} %",
    },
    "dup.name": {
        "en": "names {value}% similar",
        "es": "nombres {value}% similares",
        "pt-BR": "nomes {value}% semelhantes",
        "fr": "noms similaires à {value} %",
    },
}

CATALOG = Catalog({**_FILES, **_RANKING})
