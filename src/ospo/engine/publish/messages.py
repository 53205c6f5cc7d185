"""Every text of the readiness workflow in en, es, pt-BR and fr (a test requires ``CATALOG.missing() == []``).

Criterion titles paraphrase the pre-publication readiness checklist of the IDB technical note *How to Build an
Open-Source Program Office* (2026, Annex B, CC BY 4.0) in the project's own words; the rubrics say how this
software assigns each level, which the note leaves to the assessor.
"""

from __future__ import annotations

from ospo.engine.i18n import Catalog

_M: dict[str, dict[str, str]] = {
    # --- the six readiness levels (Annex B) -------------------------------------------------------------------
    "level.0": {"en": "None", "es": "Ninguno", "pt-BR": "Nenhum", "fr": "Aucun"},
    "level.1": {"en": "Little", "es": "Poco", "pt-BR": "Pouco", "fr": "Faible"},
    "level.2": {"en": "Limited", "es": "Limitado", "pt-BR": "Limitado", "fr": "Limité"},
    "level.3": {"en": "Some", "es": "Algo", "pt-BR": "Algum", "fr": "Partiel"},
    "level.4": {"en": "Strong", "es": "Sólido", "pt-BR": "Forte", "fr": "Solide"},
    "level.5": {"en": "Very strong", "es": "Muy sólido", "pt-BR": "Muito forte", "fr": "Très solide"},
    # --- groups ---------------------------------------------------------------------------------------------
    "group.legal": {"en": "Legal and authorization", "es": "Aspectos legales y autorización",
                    "pt-BR": "Aspectos legais e autorização", "fr": "Aspects juridiques et autorisation"},
    "group.security": {"en": "Security and risk", "es": "Seguridad y riesgo", "pt-BR": "Segurança e risco",
                       "fr": "Sécurité et risques"},
    "group.quality": {"en": "Code and repository quality", "es": "Calidad del código y del repositorio",
                      "pt-BR": "Qualidade do código e do repositório", "fr": "Qualité du code et du dépôt"},
    # --- criteria: titles ------------------------------------------------------------------------------------
    "crit.approvals.title": {
        "en": "Formal approvals to publish are on record",
        "es": "Constan las aprobaciones formales para publicar",
        "pt-BR": "As aprovações formais para publicar estão registradas",
        "fr": "Les autorisations formelles de publication sont consignées"},
    "crit.ownership.title": {
        "en": "The government owns, or may license, the code and the dependencies it includes",
        "es": "El gobierno es titular del código y de sus dependencias, o puede licenciarlos",
        "pt-BR": "O governo detém o código e as dependências incluídas, ou pode licenciá-los",
        "fr": "L'administration détient le code et les dépendances incluses, ou peut les licencier"},
    "crit.copyright.title": {
        "en": "A copyright notice names the owner as the regulations require",
        "es": "Un aviso de derechos de autor identifica al titular según la normativa",
        "pt-BR": "Um aviso de direitos autorais identifica o titular conforme a regulamentação",
        "fr": "Une mention de droit d'auteur désigne le titulaire comme l'exige la réglementation"},
    "crit.no-secrets.title": {
        "en": "No credentials, keys, personal or sensitive data",
        "es": "Sin credenciales, claves, datos personales ni sensibles",
        "pt-BR": "Sem credenciais, chaves, dados pessoais ou sensíveis",
        "fr": "Aucun identifiant, clé, donnée personnelle ou sensible"},
    "crit.security-review.title": {
        "en": "A security review and an automated vulnerability scan were done",
        "es": "Se hizo una revisión de seguridad y un análisis automático de vulnerabilidades",
        "pt-BR": "Foram feitas uma revisão de segurança e uma varredura automática de vulnerabilidades",
        "fr": "Une revue de sécurité et une analyse automatique des vulnérabilités ont été faites"},
    "crit.supply-chain.title": {
        "en": "Third-party dependencies are handled safely (lockfiles, few install scripts, health checks)",
        "es": "Las dependencias de terceros se gestionan con cuidado (lockfiles, pocos scripts de instalación)",
        "pt-BR": "As dependências de terceiros são tratadas com cuidado (lockfiles, poucos scripts de instalação)",
        "fr": "Les dépendances tierces sont gérées avec soin (lockfiles, peu de scripts d'installation)"},
    "crit.license.title": {
        "en": "An open-source license is chosen and applied, in line with the regulations",
        "es": "Se eligió y aplicó una licencia de código abierto conforme a la normativa",
        "pt-BR": "Uma licença de código aberto foi escolhida e aplicada conforme a regulamentação",
        "fr": "Une licence libre est choisie et appliquée, conformément à la réglementation"},
    "crit.version-control.title": {
        "en": "A version-controlled repository, open to contributions",
        "es": "Un repositorio con control de versiones, abierto a contribuciones",
        "pt-BR": "Um repositório com controle de versão, aberto a contribuições",
        "fr": "Un dépôt sous gestion de versions, ouvert aux contributions"},
    "crit.required-files.title": {
        "en": "The required files are present: README, LICENSE, SECURITY.md, CONTRIBUTING.md",
        "es": "Están los archivos requeridos: README, LICENSE, SECURITY.md, CONTRIBUTING.md",
        "pt-BR": "Os arquivos exigidos estão presentes: README, LICENSE, SECURITY.md, CONTRIBUTING.md",
        "fr": "Les fichiers requis sont présents : README, LICENSE, SECURITY.md, CONTRIBUTING.md"},
    "crit.modular.title": {
        "en": "The code is modular and organised for maintenance",
        "es": "El código es modular y está organizado para su mantenimiento",
        "pt-BR": "O código é modular e organizado para manutenção",
        "fr": "Le code est modulaire et organisé pour la maintenance"},
    "crit.source-only.title": {
        "en": "Only source code is published: no compiled code or dependency binaries without an approved exception",
        "es": "Solo se publica código fuente: nada compilado ni binarios de dependencias sin excepción aprobada",
        "pt-BR": "Só código-fonte é publicado: nada compilado nem binários de dependências sem exceção aprovada",
        "fr": "Seul le code source est publié : ni code compilé ni binaires de dépendances sans dérogation"},
    # --- criteria: how the levels are assigned -----------------------------------------------------------------
    "crit.approvals.rubric": {
        "en": "Manual: the level recorded in the attestation file (legal sign-off, management approval).",
        "es": "Manual: el nivel registrado en el archivo de atestación (visto bueno legal, aprobación directiva).",
        "pt-BR": "Manual: o nível registrado no arquivo de atestação (parecer jurídico, aprovação da gestão).",
        "fr": "Manuel : le niveau consigné dans le fichier d'attestation (avis juridique, accord de la direction)."},
    "crit.ownership.rubric": {
        "en": "0-1 no declared license or a dependency denied for publication; 3 dependencies to review; "
              "4 all allowed; 5 all allowed and the license evidence agrees. A legal attestation can only lower it.",
        "es": "0-1 sin licencia declarada o una dependencia denegada para publicar; 3 dependencias por revisar; "
              "4 todas permitidas; 5 todas permitidas y la evidencia de licencia concuerda. Una atestación legal "
              "solo puede bajarlo.",
        "pt-BR": "0-1 sem licença declarada ou uma dependência negada para publicação; 3 dependências a revisar; "
                 "4 todas permitidas; 5 todas permitidas e as evidências de licença concordam. Uma atestação "
                 "jurídica só pode reduzi-lo.",
        "fr": "0-1 aucune licence déclarée ou une dépendance refusée pour publication ; 3 dépendances à examiner ; "
              "4 toutes autorisées ; 5 toutes autorisées et les indices de licence concordent. Une attestation "
              "juridique ne peut que l'abaisser."},
    "crit.copyright.rubric": {
        "en": "1 no notice; 4 a notice in the README or in source headers; 5 a notice in LICENSE, NOTICE or "
              "COPYRIGHT.",
        "es": "1 sin aviso; 4 aviso en el README o en cabeceras de código; 5 aviso en LICENSE, NOTICE o COPYRIGHT.",
        "pt-BR": "1 sem aviso; 4 aviso no README ou em cabeçalhos do código; 5 aviso em LICENSE, NOTICE ou "
                 "COPYRIGHT.",
        "fr": "1 aucune mention ; 4 mention dans le README ou les en-têtes ; 5 mention dans LICENSE, NOTICE ou "
              "COPYRIGHT."},
    "crit.no-secrets.rubric": {
        "en": "0 a secret in the files; 1 a secret in the history; 2 personal data to review; 4 nothing found in "
              "the files (no history to scan); 5 nothing found in the files and the whole history.",
        "es": "0 un secreto en los archivos; 1 un secreto en el historial; 2 datos personales por revisar; "
              "4 nada en los archivos (sin historial); 5 nada en los archivos ni en todo el historial.",
        "pt-BR": "0 um segredo nos arquivos; 1 um segredo no histórico; 2 dados pessoais a revisar; 4 nada nos "
                 "arquivos (sem histórico); 5 nada nos arquivos nem em todo o histórico.",
        "fr": "0 un secret dans les fichiers ; 1 un secret dans l'historique ; 2 données personnelles à examiner ; "
              "4 rien dans les fichiers (pas d'historique) ; 5 rien dans les fichiers ni dans tout l'historique."},
    "crit.security-review.rubric": {
        "en": "0 no vulnerability database; 1 open high or critical vulnerabilities; 2 stale database; 3 open "
              "lower vulnerabilities; 4 none open; 5 none open and every component checked. The security review "
              "sign-off is attested.",
        "es": "0 sin base de vulnerabilidades; 1 vulnerabilidades altas o críticas abiertas; 2 base desactualizada; "
              "3 vulnerabilidades menores abiertas; 4 ninguna abierta; 5 ninguna y todo componente verificado. "
              "El visto bueno de la revisión de seguridad se atesta.",
        "pt-BR": "0 sem base de vulnerabilidades; 1 vulnerabilidades altas ou críticas abertas; 2 base "
                 "desatualizada; 3 vulnerabilidades menores abertas; 4 nenhuma aberta; 5 nenhuma e todo componente "
                 "verificado. O parecer da revisão de segurança é atestado.",
        "fr": "0 aucune base de vulnérabilités ; 1 vulnérabilités hautes ou critiques ouvertes ; 2 base périmée ; "
              "3 vulnérabilités mineures ouvertes ; 4 aucune ouverte ; 5 aucune et chaque composant vérifié. "
              "L'avis de la revue de sécurité est attesté."},
    "crit.supply-chain.rubric": {
        "en": "1-2 lockfiles missing; 3 install-time scripts present; 4 lockfiles committed and no install "
              "scripts; 5 and a dependency-update tool configured. An approved exception may lift it.",
        "es": "1-2 faltan lockfiles; 3 hay scripts de instalación; 4 lockfiles y ningún script de instalación; "
              "5 y una herramienta de actualización de dependencias. Una excepción aprobada puede elevarlo.",
        "pt-BR": "1-2 faltam lockfiles; 3 há scripts de instalação; 4 lockfiles e nenhum script de instalação; "
                 "5 e uma ferramenta de atualização de dependências. Uma exceção aprovada pode elevá-lo.",
        "fr": "1-2 lockfiles manquants ; 3 scripts d'installation présents ; 4 lockfiles et aucun script "
              "d'installation ; 5 et un outil de mise à jour des dépendances. Une dérogation peut le relever."},
    "crit.license.rubric": {
        "en": "0 none; 1 not open source or unidentified; 3 only in package metadata; 4 a LICENSE text of an "
              "open-source license; 5 and one of the policy's publication licenses, with consistent evidence.",
        "es": "0 ninguna; 1 no es de código abierto o no se identifica; 3 solo en metadatos; 4 un texto LICENSE de "
              "una licencia abierta; 5 y una de las licencias de publicación de la política, sin contradicciones.",
        "pt-BR": "0 nenhuma; 1 não é de código aberto ou não identificada; 3 só nos metadados; 4 um texto LICENSE "
                 "de licença aberta; 5 e uma das licenças de publicação da política, sem contradições.",
        "fr": "0 aucune ; 1 non libre ou non identifiée ; 3 seulement dans les métadonnées ; 4 un texte LICENSE "
              "de licence libre ; 5 et une des licences de publication de la politique, sans contradiction."},
    "crit.version-control.rubric": {
        "en": "0 not a git repository; 1 no commits; 3 a history; 4 and a contribution guide; 5 and a remote and "
              "more than one author.",
        "es": "0 no es un repositorio git; 1 sin commits; 3 con historial; 4 y guía de contribución; 5 y un remoto "
              "y más de un autor.",
        "pt-BR": "0 não é um repositório git; 1 sem commits; 3 com histórico; 4 e guia de contribuição; 5 e um "
                 "remoto e mais de um autor.",
        "fr": "0 pas un dépôt git ; 1 aucun commit ; 3 un historique ; 4 et un guide de contribution ; 5 et un "
              "dépôt distant et plusieurs auteurs."},
    "crit.required-files.rubric": {
        "en": "One level per required file present with content (0-4); 5 when a code of conduct and a valid "
              "publiccode.yml are there too.",
        "es": "Un nivel por archivo requerido presente y con contenido (0-4); 5 si además hay código de conducta y "
              "un publiccode.yml válido.",
        "pt-BR": "Um nível por arquivo exigido presente e com conteúdo (0-4); 5 se também houver código de conduta "
                 "e um publiccode.yml válido.",
        "fr": "Un niveau par fichier requis présent et rempli (0-4) ; 5 si un code de conduite et un "
              "publiccode.yml valide sont aussi présents."},
    "crit.modular.rubric": {
        "en": "2 a giant file or most code in files over 1,000 lines; 3 a quarter of it, or a flat directory of "
              "many files; 4 otherwise; 5 and tests. Not applicable without source code.",
        "es": "2 un archivo gigante o casi todo el código en archivos de más de 1.000 líneas; 3 una cuarta parte, "
              "o muchos archivos en un solo directorio; 4 en otro caso; 5 y pruebas. No aplica sin código.",
        "pt-BR": "2 um arquivo gigante ou a maior parte do código em arquivos de mais de 1.000 linhas; 3 um quarto "
                 "dele, ou muitos arquivos num só diretório; 4 caso contrário; 5 e testes. Não se aplica sem código.",
        "fr": "2 un fichier géant ou l'essentiel du code dans des fichiers de plus de 1 000 lignes ; 3 un quart, "
              "ou un répertoire plat de nombreux fichiers ; 4 sinon ; 5 et des tests. Sans objet sans code."},
    "crit.source-only.rubric": {
        "en": "From the committed-binaries and build-output checks (by content, not only extension): 5 none; "
              "3 at most other binary data or build outputs; 2 or less compiled code. An approved exception may "
              "lift it.",
        "es": "Según las verificaciones de binarios y salidas de compilación (por contenido): 5 ninguno; 3 como "
              "máximo otros datos binarios o salidas de compilación; 2 o menos código compilado. Una excepción "
              "aprobada puede elevarlo.",
        "pt-BR": "Pelas verificações de binários e saídas de compilação (por conteúdo): 5 nenhum; 3 no máximo "
                 "outros dados binários ou saídas de compilação; 2 ou menos código compilado. Uma exceção aprovada "
                 "pode elevá-lo.",
        "fr": "D'après les contrôles de binaires et de produits de compilation (par contenu) : 5 aucun ; 3 au plus "
              "d'autres données binaires ou produits de compilation ; 2 ou moins du code compilé. Une dérogation "
              "approuvée peut le relever."},
    # --- statuses ---------------------------------------------------------------------------------------------
    "status.pass": {"en": "pass", "es": "cumple", "pt-BR": "atende", "fr": "conforme"},
    "status.fail": {"en": "below required", "es": "por debajo", "pt-BR": "abaixo", "fr": "insuffisant"},
    "status.pending": {"en": "sign-off pending", "es": "falta atestación", "pt-BR": "atestação pendente",
                       "fr": "attestation en attente"},
    "status.not-evaluated": {"en": "not evaluated", "es": "no evaluado", "pt-BR": "não avaliado",
                             "fr": "non évalué"},
    "status.not-applicable": {"en": "not applicable", "es": "no aplica", "pt-BR": "não se aplica",
                              "fr": "sans objet"},
    # --- table and summary --------------------------------------------------------------------------------------
    "table.header": {"en": "Pre-publication readiness: {name}", "es": "Preparación para publicar: {name}",
                     "pt-BR": "Prontidão para publicação: {name}", "fr": "Préparation à la publication : {name}"},
    "table.columns": {"en": "#  level  required  status", "es": "#  nivel  requerido  estado",
                      "pt-BR": "#  nível  exigido  situação", "fr": "#  niveau  requis  statut"},
    "table.source": {
        "en": "Criteria after IDB, How to Build an Open-Source Program Office, 2026, Annex B (CC BY 4.0).",
        "es": "Criterios según BID, Cómo crear una Oficina de Programas de Código Abierto, 2026, Anexo B "
              "(CC BY 4.0).",
        "pt-BR": "Critérios segundo o BID, Como criar um Escritório de Programas de Código Aberto, 2026, Anexo B "
                 "(CC BY 4.0).",
        "fr": "Critères d'après la BID, Comment créer un bureau des programmes open source, 2026, annexe B "
              "(CC BY 4.0)."},
    "summary.pass": {
        "en": "Ready: every automatable criterion reaches its required level.",
        "es": "Listo: todo criterio automatizable alcanza el nivel requerido.",
        "pt-BR": "Pronto: todo critério automatizável atinge o nível exigido.",
        "fr": "Prêt : chaque critère automatisable atteint le niveau requis."},
    "summary.fail": {
        "en": "Not ready: {count} automatable criteria below the required level.",
        "es": "No listo: {count} criterios automatizables por debajo del nivel requerido.",
        "pt-BR": "Não pronto: {count} critérios automatizáveis abaixo do nível exigido.",
        "fr": "Pas prêt : {count} critères automatisables sous le niveau requis."},
    "summary.pending": {
        "en": "{count} criteria still need a recorded sign-off (--attest FILE).",
        "es": "{count} criterios aún necesitan una atestación registrada (--attest ARCHIVO).",
        "pt-BR": "{count} critérios ainda precisam de uma atestação registrada (--attest ARQUIVO).",
        "fr": "{count} critères attendent encore une attestation consignée (--attest FICHIER)."},
    # --- evidence ---------------------------------------------------------------------------------------------
    "ev.attested": {
        "en": "attested at level {level} by {who} on {date}: {evidence}",
        "es": "atestado con nivel {level} por {who} el {date}: {evidence}",
        "pt-BR": "atestado no nível {level} por {who} em {date}: {evidence}",
        "fr": "attesté au niveau {level} par {who} le {date} : {evidence}"},
    "ev.not-attested": {
        "en": "no sign-off recorded in the attestation file",
        "es": "no hay atestación registrada en el archivo de atestación",
        "pt-BR": "nenhuma atestação registrada no arquivo de atestação",
        "fr": "aucune attestation consignée dans le fichier d'attestation"},
    "ev.engine-missing": {
        "en": "the {engine} engine is not available in this installation: not evaluated",
        "es": "el motor {engine} no está disponible en esta instalación: no evaluado",
        "pt-BR": "o motor {engine} não está disponível nesta instalação: não avaliado",
        "fr": "le moteur {engine} n'est pas disponible dans cette installation : non évalué"},
    "ev.engine-error": {
        "en": "the {engine} engine failed ({error}): not evaluated",
        "es": "el motor {engine} falló ({error}): no evaluado",
        "pt-BR": "o motor {engine} falhou ({error}): não avaliado",
        "fr": "le moteur {engine} a échoué ({error}) : non évalué"},
    "ev.license-declared": {
        "en": "declared license: {expression}", "es": "licencia declarada: {expression}",
        "pt-BR": "licença declarada: {expression}", "fr": "licence déclarée : {expression}"},
    "ev.license-none": {
        "en": "no license declared (no LICENSE file, no license in the manifests)",
        "es": "ninguna licencia declarada (sin archivo LICENSE ni licencia en los manifiestos)",
        "pt-BR": "nenhuma licença declarada (sem arquivo LICENSE nem licença nos manifestos)",
        "fr": "aucune licence déclarée (ni fichier LICENSE ni licence dans les manifestes)"},
    "ev.license-not-oss": {
        "en": "{license} is not an open-source license ({category})",
        "es": "{license} no es una licencia de código abierto ({category})",
        "pt-BR": "{license} não é uma licença de código aberto ({category})",
        "fr": "{license} n'est pas une licence libre ({category})"},
    "ev.license-metadata-only": {
        "en": "the license is declared only in package metadata: add its full text in a LICENSE file",
        "es": "la licencia solo se declara en los metadatos: agregue su texto completo en un archivo LICENSE",
        "pt-BR": "a licença só é declarada nos metadados: inclua o texto completo num arquivo LICENSE",
        "fr": "la licence n'est déclarée que dans les métadonnées : ajoutez son texte intégral dans LICENSE"},
    "ev.license-outbound": {
        "en": "{expression} is not one of the policy's publication licenses ({outbound})",
        "es": "{expression} no es una de las licencias de publicación de la política ({outbound})",
        "pt-BR": "{expression} não é uma das licenças de publicação da política ({outbound})",
        "fr": "{expression} ne fait pas partie des licences de publication de la politique ({outbound})"},
    "ev.deps": {
        "en": "{total} dependencies for publication: {allowed} allowed, {review} to review, {denied} denied",
        "es": "{total} dependencias para publicar: {allowed} permitidas, {review} por revisar, {denied} denegadas",
        "pt-BR": "{total} dependências para publicação: {allowed} permitidas, {review} a revisar, {denied} negadas",
        "fr": "{total} dépendances pour publication : {allowed} autorisées, {review} à examiner, {denied} refusées"},
    "ev.dep": {
        "en": "{name}: license {license} — {decision}", "es": "{name}: licencia {license} — {decision}",
        "pt-BR": "{name}: licença {license} — {decision}", "fr": "{name} : licence {license} — {decision}"},
    "ev.secret": {
        "en": "possible secret ({kind}) in the files", "es": "posible secreto ({kind}) en los archivos",
        "pt-BR": "possível segredo ({kind}) nos arquivos", "fr": "secret possible ({kind}) dans les fichiers"},
    "ev.secret-history": {
        "en": "possible secret ({kind}) in the history", "es": "posible secreto ({kind}) en el historial",
        "pt-BR": "possível segredo ({kind}) no histórico", "fr": "secret possible ({kind}) dans l'historique"},
    "ev.personal": {
        "en": "personal data to review ({kind})", "es": "datos personales por revisar ({kind})",
        "pt-BR": "dados pessoais a revisar ({kind})", "fr": "données personnelles à examiner ({kind})"},
    "ev.secrets-clean": {
        "en": "no secrets or personal data in {files} files", "es": "sin secretos ni datos personales en {files} "
        "archivos", "pt-BR": "sem segredos nem dados pessoais em {files} arquivos",
        "fr": "ni secret ni donnée personnelle dans {files} fichiers"},
    "ev.history-clean": {
        "en": "no secrets in the history ({commits} commits)", "es": "sin secretos en el historial ({commits} "
        "commits)", "pt-BR": "sem segredos no histórico ({commits} commits)",
        "fr": "aucun secret dans l'historique ({commits} commits)"},
    "ev.history-not-scanned": {
        "en": "not a git repository: the history was not scanned",
        "es": "no es un repositorio git: el historial no se analizó",
        "pt-BR": "não é um repositório git: o histórico não foi analisado",
        "fr": "pas un dépôt git : l'historique n'a pas été analysé"},
    "ev.vulndb-missing": {
        "en": "no vulnerability database at {path}: run `ospo vulndb update` or import a snapshot",
        "es": "no hay base de vulnerabilidades en {path}: ejecute `ospo vulndb update` o importe una copia",
        "pt-BR": "não há base de vulnerabilidades em {path}: execute `ospo vulndb update` ou importe uma cópia",
        "fr": "aucune base de vulnérabilités à {path} : lancez `ospo vulndb update` ou importez un instantané"},
    "ev.vulndb-empty": {
        "en": "the vulnerability database is empty: no finding means nothing",
        "es": "la base de vulnerabilidades está vacía: no tener hallazgos no significa nada",
        "pt-BR": "a base de vulnerabilidades está vazia: não ter achados não significa nada",
        "fr": "la base de vulnérabilités est vide : l'absence de résultat ne prouve rien"},
    "ev.vulndb-stale": {
        "en": "the vulnerability database is stale (newest advisory {age} days old; limit {limit})",
        "es": "la base de vulnerabilidades está desactualizada (aviso más reciente de hace {age} días; límite "
              "{limit})",
        "pt-BR": "a base de vulnerabilidades está desatualizada (aviso mais recente de {age} dias atrás; limite "
                 "{limit})",
        "fr": "la base de vulnérabilités est périmée (avis le plus récent vieux de {age} jours ; limite {limit})"},
    "ev.vulns": {
        "en": "{checked} pinned components checked against {advisories} advisories; {open} open vulnerabilities",
        "es": "{checked} componentes fijados verificados contra {advisories} avisos; {open} vulnerabilidades "
              "abiertas",
        "pt-BR": "{checked} componentes fixados verificados contra {advisories} avisos; {open} vulnerabilidades "
                 "abertas",
        "fr": "{checked} composants épinglés vérifiés contre {advisories} avis ; {open} vulnérabilités ouvertes"},
    "ev.vuln": {
        "en": "{id} in {name}@{version} ({severity})", "es": "{id} en {name}@{version} ({severity})",
        "pt-BR": "{id} em {name}@{version} ({severity})", "fr": "{id} dans {name}@{version} ({severity})"},
    "ev.not-checked": {
        "en": "{count} components not checked (unpinned or ecosystem without advisories)",
        "es": "{count} componentes sin verificar (sin versión fija o ecosistema sin avisos)",
        "pt-BR": "{count} componentes não verificados (sem versão fixa ou ecossistema sem avisos)",
        "fr": "{count} composants non vérifiés (version non épinglée ou écosystème sans avis)"},
    "ev.install-script": {
        "en": "install-time script '{script}' runs when the package is installed",
        "es": "el script '{script}' se ejecuta al instalar el paquete",
        "pt-BR": "o script '{script}' é executado quando o pacote é instalado",
        "fr": "le script '{script}' s'exécute à l'installation du paquet"},
    "ev.cmdclass": {
        "en": "setup.py replaces setuptools commands (cmdclass: {names}): code runs at install time",
        "es": "setup.py reemplaza comandos de setuptools (cmdclass: {names}): se ejecuta código al instalar",
        "pt-BR": "setup.py substitui comandos do setuptools (cmdclass: {names}): código roda na instalação",
        "fr": "setup.py remplace des commandes setuptools (cmdclass : {names}) : du code s'exécute à l'installation"},
    "ev.no-install-scripts": {
        "en": "no install-time scripts in {count} manifests", "es": "ningún script de instalación en {count} "
        "manifiestos", "pt-BR": "nenhum script de instalação em {count} manifestos",
        "fr": "aucun script d'installation dans {count} manifestes"},
    "ev.manifest-unreadable": {
        "en": "could not be read: {reason}", "es": "no se pudo leer: {reason}",
        "pt-BR": "não pôde ser lido: {reason}", "fr": "illisible : {reason}"},
    "ev.package-health": {
        "en": "package health: {checked} pinned components matched against the vulnerability database (criterion 5)",
        "es": "salud de paquetes: {checked} componentes fijados cotejados con la base de vulnerabilidades "
              "(criterio 5)",
        "pt-BR": "saúde dos pacotes: {checked} componentes fixados comparados com a base de vulnerabilidades "
                 "(critério 5)",
        "fr": "santé des paquets : {checked} composants épinglés comparés à la base de vulnérabilités (critère 5)"},
    "ev.check": {"en": "{title}: {summary}", "es": "{title}: {summary}", "pt-BR": "{title}: {summary}",
                 "fr": "{title} : {summary}"},
    "ev.git-none": {"en": "not a git repository", "es": "no es un repositorio git",
                    "pt-BR": "não é um repositório git", "fr": "pas un dépôt git"},
    "ev.git-empty": {"en": "git repository without commits", "es": "repositorio git sin commits",
                     "pt-BR": "repositório git sem commits", "fr": "dépôt git sans commit"},
    "ev.git-history": {
        "en": "{commits} commits by {authors} authors", "es": "{commits} commits de {authors} autores",
        "pt-BR": "{commits} commits de {authors} autores", "fr": "{commits} commits de {authors} auteurs"},
    "ev.git-remote": {"en": "remote: {url}", "es": "remoto: {url}", "pt-BR": "remoto: {url}",
                      "fr": "dépôt distant : {url}"},
    "ev.git-no-remote": {"en": "no remote configured yet", "es": "aún no hay remoto configurado",
                         "pt-BR": "ainda não há remoto configurado", "fr": "aucun dépôt distant configuré"},
    "ev.contributing": {"en": "contribution guide: {path}", "es": "guía de contribución: {path}",
                        "pt-BR": "guia de contribuição: {path}", "fr": "guide de contribution : {path}"},
    "ev.no-contributing": {"en": "no contribution guide", "es": "sin guía de contribución",
                           "pt-BR": "sem guia de contribuição", "fr": "aucun guide de contribution"},
    "ev.structure": {
        "en": "{files} source files, {lines} lines; largest {path} ({largest} lines)",
        "es": "{files} archivos de código, {lines} líneas; el mayor {path} ({largest} líneas)",
        "pt-BR": "{files} arquivos de código, {lines} linhas; o maior {path} ({largest} linhas)",
        "fr": "{files} fichiers source, {lines} lignes ; le plus grand {path} ({largest} lignes)"},
    "ev.giant": {"en": "{lines} lines in one file", "es": "{lines} líneas en un solo archivo",
                 "pt-BR": "{lines} linhas num só arquivo", "fr": "{lines} lignes dans un seul fichier"},
    "ev.big-share": {
        "en": "{share}% of the code is in files over {limit} lines",
        "es": "el {share}% del código está en archivos de más de {limit} líneas",
        "pt-BR": "{share}% do código está em arquivos de mais de {limit} linhas",
        "fr": "{share} % du code est dans des fichiers de plus de {limit} lignes"},
    "ev.flat": {"en": "{count} source files in one directory", "es": "{count} archivos de código en un directorio",
                "pt-BR": "{count} arquivos de código num diretório",
                "fr": "{count} fichiers source dans un répertoire"},
    "ev.modules": {"en": "{count} modules with their own manifest", "es": "{count} módulos con manifiesto propio",
                   "pt-BR": "{count} módulos com manifesto próprio", "fr": "{count} modules avec leur manifeste"},
    "ev.tests": {"en": "tests found ({path})", "es": "hay pruebas ({path})", "pt-BR": "há testes ({path})",
                 "fr": "tests présents ({path})"},
    "ev.no-tests": {"en": "no tests found", "es": "no se encontraron pruebas", "pt-BR": "nenhum teste encontrado",
                    "fr": "aucun test trouvé"},
    "ev.no-source": {"en": "no source code files", "es": "no hay archivos de código",
                     "pt-BR": "não há arquivos de código", "fr": "aucun fichier source"},
    "ev.exception": {
        "en": "approved exception: {evidence}", "es": "excepción aprobada: {evidence}",
        "pt-BR": "exceção aprovada: {evidence}", "fr": "dérogation approuvée : {evidence}"},
    # --- attestation file problems ----------------------------------------------------------------------------
    "attest.unreadable": {
        "en": "attestation file unreadable: {reason}", "es": "archivo de atestación ilegible: {reason}",
        "pt-BR": "arquivo de atestação ilegível: {reason}", "fr": "fichier d'attestation illisible : {reason}"},
    "attest.not-list": {
        "en": "the attestation file must be a list of entries (or a mapping with 'attestations:')",
        "es": "el archivo de atestación debe ser una lista de entradas (o un mapa con 'attestations:')",
        "pt-BR": "o arquivo de atestação deve ser uma lista de entradas (ou um mapa com 'attestations:')",
        "fr": "le fichier d'attestation doit être une liste d'entrées (ou un dictionnaire avec 'attestations:')"},
    "attest.entry": {
        "en": "entry {index}: {problem}", "es": "entrada {index}: {problem}", "pt-BR": "entrada {index}: {problem}",
        "fr": "entrée {index} : {problem}"},
    "attest.not-map": {"en": "not a mapping", "es": "no es un mapa", "pt-BR": "não é um mapa",
                       "fr": "pas un dictionnaire"},
    "attest.missing": {"en": "'{field}' is missing", "es": "falta '{field}'", "pt-BR": "falta '{field}'",
                       "fr": "'{field}' manque"},
    "attest.criterion": {
        "en": "unknown criterion '{value}' (use an id such as 'approvals' or a number 1-11)",
        "es": "criterio desconocido '{value}' (use un id como 'approvals' o un número 1-11)",
        "pt-BR": "critério desconhecido '{value}' (use um id como 'approvals' ou um número 1-11)",
        "fr": "critère inconnu '{value}' (utilisez un id comme 'approvals' ou un numéro de 1 à 11)"},
    "attest.level": {"en": "level must be a whole number 0-5", "es": "el nivel debe ser un entero de 0 a 5",
                     "pt-BR": "o nível deve ser um inteiro de 0 a 5", "fr": "le niveau doit être un entier de 0 à 5"},
    "attest.date": {"en": "date must be YYYY-MM-DD", "es": "la fecha debe ser AAAA-MM-DD",
                    "pt-BR": "a data deve ser AAAA-MM-DD", "fr": "la date doit être AAAA-MM-JJ"},
    "attest.future": {"en": "date {date} is in the future", "es": "la fecha {date} está en el futuro",
                      "pt-BR": "a data {date} está no futuro", "fr": "la date {date} est dans le futur"},
    "attest.text": {"en": "'{field}' must be text", "es": "'{field}' debe ser texto", "pt-BR": "'{field}' deve ser "
                    "texto", "fr": "'{field}' doit être du texte"},
    "attest.automated": {
        "en": "criterion '{value}' is judged from the repository; an attestation can only record an approved "
              "exception for 'supply-chain' and 'source-only', or a sign-off for 'approvals', 'ownership' and "
              "'security-review'",
        "es": "el criterio '{value}' se evalúa desde el repositorio; una atestación solo registra una excepción "
              "aprobada para 'supply-chain' y 'source-only', o un visto bueno para 'approvals', 'ownership' y "
              "'security-review'",
        "pt-BR": "o critério '{value}' é avaliado pelo repositório; uma atestação só registra uma exceção aprovada "
                 "para 'supply-chain' e 'source-only', ou um parecer para 'approvals', 'ownership' e "
                 "'security-review'",
        "fr": "le critère '{value}' est évalué depuis le dépôt ; une attestation ne consigne qu'une dérogation "
              "pour 'supply-chain' et 'source-only', ou un avis pour 'approvals', 'ownership' et "
              "'security-review'"},
    # --- prepare --------------------------------------------------------------------------------------------
    "prepare.written": {"en": "written: {path}", "es": "escrito: {path}", "pt-BR": "escrito: {path}",
                        "fr": "écrit : {path}"},
    "prepare.skipped": {
        "en": "kept, already exists: {path}", "es": "se conserva, ya existe: {path}",
        "pt-BR": "mantido, já existe: {path}", "fr": "conservé, existe déjà : {path}"},
    "prepare.no-license-text": {
        "en": "no text for license {license} in the installed license data",
        "es": "no hay texto para la licencia {license} en los datos de licencias instalados",
        "pt-BR": "não há texto para a licença {license} nos dados de licenças instalados",
        "fr": "aucun texte pour la licence {license} dans les données de licences installées"},
    "prepare.expression": {
        "en": "--license must be one SPDX license identifier, not an expression or unknown id: {license}",
        "es": "--license debe ser un identificador SPDX único, no una expresión ni un id desconocido: {license}",
        "pt-BR": "--license deve ser um único identificador SPDX, não uma expressão nem id desconhecido: {license}",
        "fr": "--license doit être un identifiant SPDX unique, ni expression ni id inconnu : {license}"},
    "prepare.not-dir": {"en": "not a directory: {path}", "es": "no es un directorio: {path}",
                        "pt-BR": "não é um diretório: {path}", "fr": "pas un répertoire : {path}"},
    "prepare.contact-default": {
        "en": "the maintainers (see the repository)", "es": "las personas que mantienen el proyecto (ver el "
        "repositorio)", "pt-BR": "as pessoas que mantêm o projeto (veja o repositório)",
        "fr": "les responsables du projet (voir le dépôt)"},
    "prepare.next": {
        "en": "Review the written files, replace every TODO, then run `ospo publish check {path}`.",
        "es": "Revise los archivos escritos, reemplace cada TODO y ejecute `ospo publish check {path}`.",
        "pt-BR": "Revise os arquivos escritos, substitua cada TODO e execute `ospo publish check {path}`.",
        "fr": "Relisez les fichiers écrits, remplacez chaque TODO, puis lancez `ospo publish check {path}`."},
}

CATALOG = Catalog(_M)
