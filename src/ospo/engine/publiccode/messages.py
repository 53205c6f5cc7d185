"""Every message the publiccode validator and generator show, in en/es/pt-BR/fr (see ospo.engine.i18n).

Messages are keyed by a stable code (also returned in results, so the platform can translate later and
tests can assert on the code rather than on English wording).
"""

from __future__ import annotations

from ospo.engine.i18n import Catalog

CATALOG = Catalog({
    "wrong_type": {
        "en": "wrong type for this field (expected {expected})",
        "es": "tipo incorrecto para este campo (se esperaba {expected})",
        "pt-BR": "tipo incorreto para este campo (esperado {expected})",
        "fr": "type incorrect pour ce champ ({expected} attendu)",
    },
    "required": {
        "en": "{field} is a required field",
        "es": "{field} es un campo obligatorio",
        "pt-BR": "{field} é um campo obrigatório",
        "fr": "{field} est un champ obligatoire",
    },
    "required_when": {
        "en": "{field} is a required field when \"type\" is \"{type}\"",
        "es": "{field} es obligatorio cuando \"type\" es \"{type}\"",
        "pt-BR": "{field} é obrigatório quando \"type\" é \"{type}\"",
        "fr": "{field} est obligatoire lorsque « type » vaut « {type} »",
    },
    "forbidden_unless_contract": {
        "en": "{field} must not be present unless \"type\" is \"contract\"",
        "es": "{field} no debe aparecer salvo que \"type\" sea \"contract\"",
        "pt-BR": "{field} não deve estar presente a menos que \"type\" seja \"contract\"",
        "fr": "{field} ne doit pas être présent sauf si « type » vaut « contract »",
    },
    "one_of": {
        "en": "{field} must be one of the following: {values}",
        "es": "{field} debe ser uno de los siguientes: {values}",
        "pt-BR": "{field} deve ser um dos seguintes: {values}",
        "fr": "{field} doit être l'une des valeurs suivantes : {values}",
    },
    "not_empty": {
        "en": "{field} must contain more than 0 items",
        "es": "{field} debe contener al menos un elemento",
        "pt-BR": "{field} deve conter ao menos um item",
        "fr": "{field} doit contenir au moins un élément",
    },
    "max_len": {
        "en": "{field} must be a maximum of {n} characters in length (it has {actual})",
        "es": "{field} debe tener como máximo {n} caracteres (tiene {actual})",
        "pt-BR": "{field} deve ter no máximo {n} caracteres (tem {actual})",
        "fr": "{field} doit comporter au plus {n} caractères (il en a {actual})",
    },
    "min_len": {
        "en": "{field} must be at least {n} characters in length (it has {actual})",
        "es": "{field} debe tener al menos {n} caracteres (tiene {actual})",
        "pt-BR": "{field} deve ter pelo menos {n} caracteres (tem {actual})",
        "fr": "{field} doit comporter au moins {n} caractères (il en a {actual})",
    },
    "bad_url": {
        "en": "{field} must be a valid URL",
        "es": "{field} debe ser una URL válida",
        "pt-BR": "{field} deve ser uma URL válida",
        "fr": "{field} doit être une URL valide",
    },
    "http_url": {
        "en": "{field} must be an HTTP URL",
        "es": "{field} debe ser una URL HTTP",
        "pt-BR": "{field} deve ser uma URL HTTP",
        "fr": "{field} doit être une URL HTTP",
    },
    "bad_uri": {
        "en": "{field} is not a valid URI",
        "es": "{field} no es un URI válido",
        "pt-BR": "{field} não é um URI válido",
        "fr": "{field} n'est pas un URI valide",
    },
    "bad_ipa": {
        "en": "{field} must be a valid Italian Public Administration code (iPA), written 'urn:x-italian-pa:CODE'",
        "es": "{field} debe ser un código iPA válido de la administración pública italiana ('urn:x-italian-pa:CODE')",
        "pt-BR": "{field} deve ser um código iPA válido da administração pública italiana ('urn:x-italian-pa:CODE')",
        "fr": "{field} doit être un code iPA valide de l'administration publique italienne ('urn:x-italian-pa:CODE')",
    },
    "bad_date": {
        "en": "{field} must be a date with format 'YYYY-MM-DD'",
        "es": "{field} debe ser una fecha con formato 'AAAA-MM-DD'",
        "pt-BR": "{field} deve ser uma data no formato 'AAAA-MM-DD'",
        "fr": "{field} doit être une date au format 'AAAA-MM-JJ'",
    },
    "bad_email": {
        "en": "{field} must be a valid email address",
        "es": "{field} debe ser una dirección de correo válida",
        "pt-BR": "{field} deve ser um endereço de e-mail válido",
        "fr": "{field} doit être une adresse électronique valide",
    },
    "bad_language": {
        "en": "{field} must be a valid BCP 47 language tag (got '{value}')",
        "es": "{field} debe ser una etiqueta de idioma BCP 47 válida (se recibió '{value}')",
        "pt-BR": "{field} deve ser uma etiqueta de idioma BCP 47 válida (recebido '{value}')",
        "fr": "{field} doit être une étiquette de langue BCP 47 valide (reçu '{value}')",
    },
    "bad_country": {
        "en": "{field} must be a valid ISO 3166-1 alpha-2 two-letter country code",
        "es": "{field} debe ser un código de país ISO 3166-1 alfa-2 válido",
        "pt-BR": "{field} deve ser um código de país ISO 3166-1 alfa-2 válido",
        "fr": "{field} doit être un code pays ISO 3166-1 alpha-2 valide",
    },
    "bad_category": {
        "en": "{field} must be a category of the standard's categories list (got '{value}')",
        "es": "{field} debe ser una categoría de la lista del estándar (se recibió '{value}')",
        "pt-BR": "{field} deve ser uma categoria da lista do padrão (recebido '{value}')",
        "fr": "{field} doit être une catégorie de la liste du standard (reçu '{value}')",
    },
    "bad_scope": {
        "en": "{field} must be a scope of the standard's scope list (got '{value}')",
        "es": "{field} debe ser un ámbito de la lista del estándar (se recibió '{value}')",
        "pt-BR": "{field} deve ser um escopo da lista do padrão (recebido '{value}')",
        "fr": "{field} doit être un domaine de la liste du standard (reçu '{value}')",
    },
    "bad_alias": {
        "en": "{field} contains an unknown alias '{value}'",
        "es": "{field} contiene un alias desconocido '{value}'",
        "pt-BR": "{field} contém um alias desconhecido '{value}'",
        "fr": "{field} contient un alias inconnu '{value}'",
    },
    "bad_mime": {
        "en": "{field} is not a valid MIME type",
        "es": "{field} no es un tipo MIME válido",
        "pt-BR": "{field} não é um tipo MIME válido",
        "fr": "{field} n'est pas un type MIME valide",
    },
    "bad_license": {
        "en": "{field} must be a valid SPDX license expression ({detail})",
        "es": "{field} debe ser una expresión de licencia SPDX válida ({detail})",
        "pt-BR": "{field} deve ser uma expressão de licença SPDX válida ({detail})",
        "fr": "{field} doit être une expression de licence SPDX valide ({detail})",
    },
    "unknown_key": {
        "en": "unknown key \"{name}\" (ignored)",
        "es": "clave desconocida \"{name}\" (ignorada)",
        "pt-BR": "chave desconhecida \"{name}\" (ignorada)",
        "fr": "clé inconnue « {name} » (ignorée)",
    },
    "unknown_key_case": {
        "en": "unknown key \"{name}\": keys are case-sensitive, did you mean \"{suggest}\"?",
        "es": "clave desconocida \"{name}\": las claves distinguen mayúsculas, ¿quiso decir \"{suggest}\"?",
        "pt-BR": "chave desconhecida \"{name}\": as chaves diferenciam maiúsculas, quis dizer \"{suggest}\"?",
        "fr": "clé inconnue « {name} » : les clés sont sensibles à la casse, vouliez-vous dire « {suggest} » ?",
    },
    "duplicate_key": {
        "en": "key \"{name}\" appears more than once",
        "es": "la clave \"{name}\" aparece más de una vez",
        "pt-BR": "a chave \"{name}\" aparece mais de uma vez",
        "fr": "la clé « {name} » apparaît plusieurs fois",
    },
    "deprecated": {
        "en": "this key is deprecated and will be removed in the future; it is safe to drop it",
        "es": "esta clave está obsoleta y se eliminará en el futuro; puede quitarse sin riesgo",
        "pt-BR": "esta chave está obsoleta e será removida no futuro; pode ser retirada com segurança",
        "fr": "cette clé est obsolète et sera supprimée à l'avenir ; elle peut être retirée sans risque",
    },
    "deprecated_use": {
        "en": "this key is deprecated and will be removed in the future; use '{replacement}' instead",
        "es": "esta clave está obsoleta y se eliminará en el futuro; use '{replacement}' en su lugar",
        "pt-BR": "esta chave está obsoleta e será removida no futuro; use '{replacement}' no lugar",
        "fr": "cette clé est obsolète et sera supprimée à l'avenir ; utilisez '{replacement}' à la place",
    },
    "lowercase_section": {
        "en": "lowercase country codes are deprecated; use '{upper}' instead",
        "es": "los códigos de país en minúsculas están obsoletos; use '{upper}'",
        "pt-BR": "códigos de país em minúsculas estão obsoletos; use '{upper}'",
        "fr": "les codes pays en minuscules sont obsolètes ; utilisez '{upper}'",
    },
    "lowercase_country": {
        "en": "lowercase country codes are deprecated; use uppercase instead ('{upper}')",
        "es": "los códigos de país en minúsculas están obsoletos; use mayúsculas ('{upper}')",
        "pt-BR": "códigos de país em minúsculas estão obsoletos; use maiúsculas ('{upper}')",
        "fr": "les codes pays en minuscules sont obsolètes ; utilisez des majuscules ('{upper}')",
    },
    "section_duplicated": {
        "en": "'{upper}' key already present; remove this key",
        "es": "la clave '{upper}' ya existe; elimine esta clave",
        "pt-BR": "a chave '{upper}' já existe; remova esta chave",
        "fr": "la clé '{upper}' existe déjà ; supprimez cette clé",
    },
    "old_version": {
        "en": "version {version} is not the latest; use '0' (the file is validated with the {latest} rules)",
        "es": "la versión {version} no es la más reciente; use '0' (el archivo se valida con las reglas {latest})",
        "pt-BR": "a versão {version} não é a mais recente; use '0' (o arquivo é validado com as regras {latest})",
        "fr": "la version {version} n'est pas la dernière ; utilisez '0' (fichier validé avec les règles {latest})",
    },
    "candidate_version": {
        "en": "version {version} is the 1.0 candidate, not a released version of the standard",
        "es": "la versión {version} es la candidata 1.0, no una versión publicada del estándar",
        "pt-BR": "a versão {version} é a candidata 1.0, não uma versão publicada do padrão",
        "fr": "la version {version} est la candidate 1.0, pas une version publiée du standard",
    },
    "unsupported_version": {
        "en": "unsupported version '{version}'; supported versions: {supported}",
        "es": "versión no admitida '{version}'; versiones admitidas: {supported}",
        "pt-BR": "versão não suportada '{version}'; versões suportadas: {supported}",
        "fr": "version non prise en charge '{version}' ; versions prises en charge : {supported}",
    },
    "absolute_path": {
        "en": "'{value}' is an absolute path; only relative paths or HTTP(S) URLs are allowed",
        "es": "'{value}' es una ruta absoluta; solo se admiten rutas relativas o URL HTTP(S)",
        "pt-BR": "'{value}' é um caminho absoluto; apenas caminhos relativos ou URLs HTTP(S) são permitidos",
        "fr": "'{value}' est un chemin absolu ; seuls les chemins relatifs ou les URL HTTP(S) sont permis",
    },
    "file_url": {
        "en": "'{value}' is a file:// URL; only relative paths or HTTP(S) URLs are allowed",
        "es": "'{value}' es una URL file://; solo se admiten rutas relativas o URL HTTP(S)",
        "pt-BR": "'{value}' é uma URL file://; apenas caminhos relativos ou URLs HTTP(S) são permitidos",
        "fr": "'{value}' est une URL file:// ; seuls les chemins relatifs ou les URL HTTP(S) sont permis",
    },
    "file_missing": {
        "en": "no such file: {value}",
        "es": "no existe el archivo: {value}",
        "pt-BR": "arquivo inexistente: {value}",
        "fr": "fichier introuvable : {value}",
    },
    "file_outside": {
        "en": "'{value}' points outside the repository",
        "es": "'{value}' apunta fuera del repositorio",
        "pt-BR": "'{value}' aponta para fora do repositório",
        "fr": "'{value}' pointe hors du dépôt",
    },
    "bad_extension": {
        "en": "invalid file extension for '{value}' (allowed: {allowed})",
        "es": "extensión de archivo no válida para '{value}' (permitidas: {allowed})",
        "pt-BR": "extensão de arquivo inválida para '{value}' (permitidas: {allowed})",
        "fr": "extension de fichier non valide pour '{value}' (autorisées : {allowed})",
    },
    "not_image": {
        "en": "'{value}' is not an image in a known format",
        "es": "'{value}' no es una imagen en un formato conocido",
        "pt-BR": "'{value}' não é uma imagem em formato conhecido",
        "fr": "'{value}' n'est pas une image dans un format connu",
    },
    "invalid_yaml": {
        "en": "the file is not valid YAML: {detail}",
        "es": "el archivo no es YAML válido: {detail}",
        "pt-BR": "o arquivo não é YAML válido: {detail}",
        "fr": "le fichier n'est pas du YAML valide : {detail}",
    },
    "empty_document": {
        "en": "the file is empty",
        "es": "el archivo está vacío",
        "pt-BR": "o arquivo está vazio",
        "fr": "le fichier est vide",
    },
    "not_mapping": {
        "en": "the document must be a mapping of keys to values",
        "es": "el documento debe ser un mapa de claves y valores",
        "pt-BR": "o documento deve ser um mapa de chaves e valores",
        "fr": "le document doit être une table de clés et de valeurs",
    },
    "unreadable": {
        "en": "the file cannot be read: {detail}",
        "es": "no se puede leer el archivo: {detail}",
        "pt-BR": "não é possível ler o arquivo: {detail}",
        "fr": "le fichier est illisible : {detail}",
    },
    "unreachable": {
        "en": "'{value}' is not reachable: {detail}",
        "es": "'{value}' no es accesible: {detail}",
        "pt-BR": "'{value}' não está acessível: {detail}",
        "fr": "'{value}' est inaccessible : {detail}",
    },
    "placeholder": {
        "en": "'{value}' is a placeholder left by the generator; replace it",
        "es": "'{value}' es un marcador que dejó el generador; reemplácelo",
        "pt-BR": "'{value}' é um marcador deixado pelo gerador; substitua-o",
        "fr": "'{value}' est un espace réservé laissé par le générateur ; remplacez-le",
    },
    # --- generation templates ---
    "gen_short": {
        "en": "TODO: describe {name} in one sentence (at most 150 characters).",
        "es": "TODO: describa {name} en una frase (150 caracteres como máximo).",
        "pt-BR": "TODO: descreva {name} em uma frase (no máximo 150 caracteres).",
        "fr": "TODO : décrivez {name} en une phrase (150 caractères au plus).",
    },
    "gen_long": {
        "en": ("TODO: explain what {name} does, who it is for and why a public body would use it. Describe the "
               "problem it solves, its main functions and how it is deployed. Write between 150 and 10,000 "
               "characters; basic Markdown is allowed."),
        "es": ("TODO: explique qué hace {name}, a quién está dirigido y por qué un organismo público lo usaría. "
               "Describa el problema que resuelve, sus funciones principales y cómo se despliega. Escriba entre "
               "150 y 10.000 caracteres; se admite Markdown básico."),
        "pt-BR": ("TODO: explique o que {name} faz, a quem se destina e por que um órgão público o usaria. "
                  "Descreva o problema que resolve, suas funções principais e como é implantado. Escreva entre "
                  "150 e 10.000 caracteres; Markdown básico é permitido."),
        "fr": ("TODO : expliquez ce que fait {name}, à qui il s'adresse et pourquoi un organisme public "
               "l'utiliserait. Décrivez le problème qu'il résout, ses fonctions principales et son déploiement. "
               "Écrivez entre 150 et 10 000 caractères ; le Markdown simple est permis."),
    },
    "gen_feature": {
        "en": "TODO: main feature",
        "es": "TODO: funcionalidad principal",
        "pt-BR": "TODO: funcionalidade principal",
        "fr": "TODO : fonctionnalité principale",
    },
    "gen_contact": {
        "en": "TODO: maintainer name",
        "es": "TODO: nombre de quien mantiene el proyecto",
        "pt-BR": "TODO: nome de quem mantém o projeto",
        "fr": "TODO : nom de la personne chargée de la maintenance",
    },
    "gen_header": {
        "en": "Generated by ospo from what the repository shows. Replace every value marked TODO, then run "
              "'ospo publiccode validate'.",
        "es": "Generado por ospo a partir de lo que muestra el repositorio. Reemplace cada valor marcado TODO y "
              "luego ejecute 'ospo publiccode validate'.",
        "pt-BR": "Gerado pelo ospo a partir do que o repositório mostra. Substitua cada valor marcado TODO e "
                 "depois execute 'ospo publiccode validate'.",
        "fr": "Généré par ospo à partir de ce que montre le dépôt. Remplacez chaque valeur marquée TODO, puis "
              "lancez 'ospo publiccode validate'.",
    },
    # --- command output ---
    "cli_valid": {"en": "valid", "es": "válido", "pt-BR": "válido", "fr": "valide"},
    "cli_invalid": {"en": "INVALID", "es": "NO VÁLIDO", "pt-BR": "INVÁLIDO", "fr": "NON VALIDE"},
    "cli_summary": {
        "en": "{files} file(s): {invalid} invalid, {errors} error(s), {warnings} warning(s)",
        "es": "{files} archivo(s): {invalid} no válido(s), {errors} error(es), {warnings} advertencia(s)",
        "pt-BR": "{files} arquivo(s): {invalid} inválido(s), {errors} erro(s), {warnings} aviso(s)",
        "fr": "{files} fichier(s) : {invalid} non valide(s), {errors} erreur(s), {warnings} avertissement(s)",
    },
    "cli_written": {
        "en": "written to {path}; fill in the TODO values",
        "es": "escrito en {path}; complete los valores TODO",
        "pt-BR": "gravado em {path}; preencha os valores TODO",
        "fr": "écrit dans {path} ; complétez les valeurs TODO",
    },
    "cli_exists": {
        "en": "{path} already exists; not overwritten (use --force)",
        "es": "{path} ya existe; no se sobrescribe (use --force)",
        "pt-BR": "{path} já existe; não foi sobrescrito (use --force)",
        "fr": "{path} existe déjà ; non écrasé (utilisez --force)",
    },
    "codejson_bad_status": {
        "en": "{field} must be one of: {values}",
        "es": "{field} debe ser uno de: {values}",
        "pt-BR": "{field} deve ser um de: {values}",
        "fr": "{field} doit être l'une des valeurs : {values}",
    },
})
