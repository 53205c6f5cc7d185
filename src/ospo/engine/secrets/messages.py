"""Every user-facing text of the secrets scanner, in the four languages (see :mod:`ospo.engine.i18n`)."""

from __future__ import annotations

from ospo.engine.i18n import Catalog

FAMILY_OF_PERSONAL = {"email-list": "email-list"}  # identifiers use "personal-id"

CATALOG = Catalog(
    {
        # families of detectors (titles)
        "family.cloud": {
            "en": "Cloud provider credential",
            "es": "Credencial de proveedor de nube",
            "pt-BR": "Credencial de provedor de nuvem",
            "fr": "Identifiant de fournisseur cloud",
        },
        "family.forge": {
            "en": "Code forge token",
            "es": "Token de forja de código",
            "pt-BR": "Token de forja de código",
            "fr": "Jeton de forge logicielle",
        },
        "family.chat": {
            "en": "Chat service token",
            "es": "Token de servicio de chat",
            "pt-BR": "Token de serviço de chat",
            "fr": "Jeton de messagerie",
        },
        "family.webhook": {
            "en": "Webhook URL with its secret",
            "es": "URL de webhook con su secreto",
            "pt-BR": "URL de webhook com seu segredo",
            "fr": "URL de webhook avec son secret",
        },
        "family.private-key": {
            "en": "Private key",
            "es": "Clave privada",
            "pt-BR": "Chave privada",
            "fr": "Clé privée",
        },
        "family.jwt": {"en": "JSON Web Token", "es": "JSON Web Token", "pt-BR": "JSON Web Token", "fr": "Jeton JWT"},
        "family.database-url": {
            "en": "URL with a password",
            "es": "URL con contraseña",
            "pt-BR": "URL com senha",
            "fr": "URL contenant un mot de passe",
        },
        "family.package": {
            "en": "Package registry token",
            "es": "Token de registro de paquetes",
            "pt-BR": "Token de registro de pacotes",
            "fr": "Jeton de registre de paquets",
        },
        "family.saas": {
            "en": "Service API key",
            "es": "Clave de API de servicio",
            "pt-BR": "Chave de API de serviço",
            "fr": "Clé d'API de service",
        },
        "family.generic": {
            "en": "High-entropy value assigned to a secret-named variable",
            "es": "Valor de alta entropía asignado a una variable de nombre secreto",
            "pt-BR": "Valor de alta entropia atribuído a uma variável com nome de segredo",
            "fr": "Valeur à forte entropie affectée à une variable au nom de secret",
        },
        "family.personal-id": {
            "en": "National identification number (personal data, review)",
            "es": "Número de identificación nacional (dato personal, revisar)",
            "pt-BR": "Número de identificação nacional (dado pessoal, revisar)",
            "fr": "Numéro d'identification national (donnée personnelle, à vérifier)",
        },
        "family.email-list": {
            "en": "List of e-mail addresses (personal data, review)",
            "es": "Lista de direcciones de correo (dato personal, revisar)",
            "pt-BR": "Lista de endereços de e-mail (dado pessoal, revisar)",
            "fr": "Liste d'adresses électroniques (données personnelles, à vérifier)",
        },
        # one finding
        "finding": {
            "en": "{title} ({kind}): {preview}",
            "es": "{title} ({kind}): {preview}",
            "pt-BR": "{title} ({kind}): {preview}",
            "fr": "{title} ({kind}) : {preview}",
        },
        "help.secret": {
            "en": "Revoke and rotate the credential, then remove it from the history; a deleted line stays "
            "readable in every clone.",
            "es": "Revoque y renueve la credencial y luego elimínela del historial; una línea borrada sigue "
            "legible en cada clon.",
            "pt-BR": "Revogue e troque a credencial e depois remova-a do histórico; uma linha apagada "
            "continua legível em cada clone.",
            "fr": "Révoquez et renouvelez l'identifiant, puis retirez-le de l'historique ; une ligne "
            "supprimée reste lisible dans chaque clone.",
        },
        "help.personal": {
            "en": "Check whether this is real personal data; if so, remove it and its history before publishing.",
            "es": "Compruebe si son datos personales reales; si lo son, elimínelos junto con su historial "
            "antes de publicar.",
            "pt-BR": "Verifique se são dados pessoais reais; se forem, remova-os junto com o histórico "
            "antes de publicar.",
            "fr": "Vérifiez s'il s'agit de vraies données personnelles ; si oui, supprimez-les ainsi que "
            "leur historique avant publication.",
        },
        # allow-list file
        "allow_too_large": {
            "en": "allow-list file is larger than 1 MB; ignored",
            "es": "el archivo de excepciones supera 1 MB; se ignora",
            "pt-BR": "o arquivo de exceções tem mais de 1 MB; ignorado",
            "fr": "le fichier d'exceptions dépasse 1 Mo ; ignoré",
        },
        "allow_unreadable": {
            "en": "allow-list file could not be read: {reason}",
            "es": "no se pudo leer el archivo de excepciones: {reason}",
            "pt-BR": "não foi possível ler o arquivo de exceções: {reason}",
            "fr": "le fichier d'exceptions est illisible : {reason}",
        },
        "allow_no_list": {
            "en": "allow-list file has no 'allow:' list; ignored",
            "es": "el archivo de excepciones no tiene una lista 'allow:'; se ignora",
            "pt-BR": "o arquivo de exceções não tem uma lista 'allow:'; ignorado",
            "fr": "le fichier d'exceptions n'a pas de liste « allow: » ; ignoré",
        },
        "allow_bad_entry": {
            "en": "allow-list entry {n} needs fingerprint, path or kind as text; ignored",
            "es": "la entrada {n} de excepciones necesita fingerprint, path o kind como texto; se ignora",
            "pt-BR": "a entrada {n} de exceções precisa de fingerprint, path ou kind como texto; ignorada",
            "fr": "l'entrée {n} des exceptions doit avoir fingerprint, path ou kind en texte ; ignorée",
        },
        "allow_no_reason": {
            "en": "allow-list entry {n} has no reason; ignored",
            "es": "la entrada {n} de excepciones no tiene motivo (reason); se ignora",
            "pt-BR": "a entrada {n} de exceções não tem motivo (reason); ignorada",
            "fr": "l'entrée {n} des exceptions n'a pas de motif (reason) ; ignorée",
        },
        # scanning
        "unreadable": {
            "en": "file could not be read",
            "es": "no se pudo leer el archivo",
            "pt-BR": "não foi possível ler o arquivo",
            "fr": "fichier illisible",
        },
        "internal_error": {
            "en": "internal error while scanning this file ({error})",
            "es": "error interno al analizar este archivo ({error})",
            "pt-BR": "erro interno ao analisar este arquivo ({error})",
            "fr": "erreur interne pendant l'analyse de ce fichier ({error})",
        },
        "not_git": {
            "en": "--history needs a git repository (no .git here, and not a bare repository)",
            "es": "--history necesita un repositorio git (no hay .git ni es un repositorio bare)",
            "pt-BR": "--history precisa de um repositório git (sem .git e não é um repositório bare)",
            "fr": "--history exige un dépôt git (pas de .git, et ce n'est pas un dépôt nu)",
        },
        "git_failed": {
            "en": "history could not be read: {reason}",
            "es": "no se pudo leer el historial: {reason}",
            "pt-BR": "não foi possível ler o histórico: {reason}",
            "fr": "l'historique est illisible : {reason}",
        },
        "clone_failed": {
            "en": "the repository could not be cloned: {reason}",
            "es": "no se pudo clonar el repositorio: {reason}",
            "pt-BR": "não foi possível clonar o repositório: {reason}",
            "fr": "le dépôt n'a pas pu être cloné : {reason}",
        },
        "fetch_failed": {
            "en": "batched blob fetch failed, files are read one by one: {reason}",
            "es": "falló la descarga agrupada de blobs, los archivos se leen uno a uno: {reason}",
            "pt-BR": "a busca agrupada de blobs falhou, os arquivos são lidos um a um: {reason}",
            "fr": "la récupération groupée des blobs a échoué, les fichiers sont lus un par un : {reason}",
        },
        "too_many_files": {
            "en": "{count} files beyond the cap were not scanned",
            "es": "{count} archivos más allá del límite no se analizaron",
            "pt-BR": "{count} arquivos além do limite não foram analisados",
            "fr": "{count} fichiers au-delà de la limite n'ont pas été analysés",
        },
        "not_found": {
            "en": "no such file or directory",
            "es": "no existe el archivo o directorio",
            "pt-BR": "arquivo ou diretório inexistente",
            "fr": "fichier ou répertoire introuvable",
        },
        # table
        "table.header": {
            "en": "SEVERITY  KIND  LOCATION  COMMIT  PREVIEW  FINGERPRINT",
            "es": "SEVERIDAD  TIPO  UBICACIÓN  COMMIT  VISTA  HUELLA",
            "pt-BR": "SEVERIDADE  TIPO  LOCAL  COMMIT  PRÉVIA  IMPRESSÃO",
            "fr": "GRAVITÉ  TYPE  EMPLACEMENT  COMMIT  APERÇU  EMPREINTE",
        },
        "table.summary": {
            "en": "{name}: {active} finding(s), {suppressed} suppressed; {files} file(s) scanned, "
            "{binary} binary and {large} too large skipped",
            "es": "{name}: {active} hallazgo(s), {suppressed} suprimido(s); {files} archivo(s) analizados, "
            "{binary} binarios y {large} demasiado grandes omitidos",
            "pt-BR": "{name}: {active} achado(s), {suppressed} suprimido(s); {files} arquivo(s) "
            "analisados, {binary} binários e {large} grandes demais ignorados",
            "fr": "{name} : {active} constat(s), {suppressed} neutralisé(s) ; {files} fichier(s) "
            "analysés, {binary} binaires et {large} trop volumineux ignorés",
        },
        "table.history": {
            "en": "{commits} commit(s) walked",
            "es": "{commits} commit(s) recorridos",
            "pt-BR": "{commits} commit(s) percorridos",
            "fr": "{commits} commit(s) parcourus",
        },
        "table.suppressed": {
            "en": "suppressed ({by}): {reason}",
            "es": "suprimido ({by}): {reason}",
            "pt-BR": "suprimido ({by}): {reason}",
            "fr": "neutralisé ({by}) : {reason}",
        },
        "table.issue": {"en": "problem", "es": "problema", "pt-BR": "problema", "fr": "problème"},
    }
)


def family_of(kind: str, category: str, family: str | None) -> str:
    if category == "personal":
        return FAMILY_OF_PERSONAL.get(kind, "personal-id")
    return family or "generic"
