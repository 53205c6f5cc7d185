"""Every text of the hygiene checks in en, es, pt-BR and fr: titles, verdict explanations, remediations,
evidence notes. Written as (en, es, pt-BR, fr) tuples so that a missing translation is visible in review;
``tests/test_hygiene_i18n.py`` asserts ``CATALOG.missing() == []`` and that every key the checks use exists.
"""

from __future__ import annotations

from ospo.engine.i18n import LANGUAGES, Catalog

_M: dict[str, tuple[str, str, str, str]] = {
    # -- common -------------------------------------------------------------------------------------------------
    "common.no-history": (
        "Not evaluated: no git history (a plain directory).",
        "No evaluado: sin historial git (un directorio simple).",
        "Não avaliado: sem histórico git (um diretório simples).",
        "Non évalué : pas d'historique git (un simple répertoire)."),
    "common.internal-error": (
        "Not evaluated: the check failed (internal error, see evidence).",
        "No evaluado: la verificación falló (error interno, ver evidencia).",
        "Não avaliado: a verificação falhou (erro interno, ver evidência).",
        "Non évalué : la vérification a échoué (erreur interne, voir les preuves)."),
    "common.not-a-directory": (
        "{path}: not a directory or git repository.",
        "{path}: no es un directorio ni un repositorio git.",
        "{path}: não é um diretório nem um repositório git.",
        "{path} : ni un répertoire ni un dépôt git."),
    "common.no-commits": (
        "git repository without commits, files read from disk ({reason}).",
        "repositorio git sin commits; archivos leídos del disco ({reason}).",
        "repositório git sem commits; arquivos lidos do disco ({reason}).",
        "dépôt git sans commit ; fichiers lus sur le disque ({reason})."),
    "verdict.pass": ("pass", "aprobado", "aprovado", "réussi"),
    "verdict.warn": ("warn", "advertencia", "alerta", "avertissement"),
    "verdict.fail": ("fail", "fallido", "reprovado", "échec"),
    "verdict.not-applicable": ("n/a", "no aplica", "não se aplica", "sans objet"),
    "verdict.not-evaluated": ("not evaluated", "no evaluado", "não avaliado", "non évalué"),
    "render.check": ("Check", "Verificación", "Verificação", "Vérification"),
    "render.score": ("Score", "Puntaje", "Pontuação", "Score"),
    "render.verdict": ("Verdict", "Veredicto", "Veredito", "Verdict"),
    "render.summary": ("Summary", "Resumen", "Resumo", "Résumé"),
    "render.overall": ("Overall score: {score}/10 over {count} scored checks",
                       "Puntaje global: {score}/10 sobre {count} verificaciones puntuadas",
                       "Pontuação geral: {score}/10 em {count} verificações pontuadas",
                       "Score global : {score}/10 sur {count} vérifications notées"),
    "render.no-score": ("No check could be scored.", "Ninguna verificación pudo puntuarse.",
                        "Nenhuma verificação pôde ser pontuada.", "Aucune vérification n'a pu être notée."),
    "render.fix": ("Fix", "Corrección", "Correção", "Correction"),
    "render.issues": ("Input problems", "Problemas de la entrada", "Problemas da entrada", "Problèmes de l'entrée"),
    "render.history": ("history", "historial", "histórico", "historique"),
    "render.no-history": ("no history", "sin historial", "sem histórico", "sans historique"),
    # -- evidence -----------------------------------------------------------------------------------------------
    "evidence.found": ("found", "encontrado", "encontrado", "trouvé"),
    "evidence.contact": ("contact (e-mail or URL)", "contacto (correo o URL)", "contato (e-mail ou URL)",
                         "contact (courriel ou URL)"),
    "evidence.license": ("identified as {expression}", "identificada como {expression}",
                         "identificada como {expression}", "identifiée comme {expression}"),
    "evidence.declared-unclear": ("declares \"{declared}\", which cannot be compared with the license file",
                                  "declara \"{declared}\", que no puede compararse con el archivo de licencia",
                                  "declara \"{declared}\", que não pode ser comparado com o arquivo de licença",
                                  "déclare « {declared} », impossible à comparer avec le fichier de licence"),
    "evidence.declared-differs": ("declares \"{declared}\" but the license file is {found}",
                                  "declara \"{declared}\" pero el archivo de licencia es {found}",
                                  "declara \"{declared}\" mas o arquivo de licença é {found}",
                                  "déclare « {declared} » mais le fichier de licence est {found}"),
    "evidence.public-domain": ("public-domain dedication", "dedicación al dominio público",
                               "dedicação ao domínio público", "dédicace au domaine public"),
    "evidence.no-lockfile": ("{ecosystem} manifest without a lockfile", "manifiesto {ecosystem} sin archivo de bloqueo",
                             "manifesto {ecosystem} sem arquivo de lock",
                             "manifeste {ecosystem} sans fichier de verrouillage"),
    "evidence.tool": ("{tool}", "{tool}", "{tool}", "{tool}"),
    "evidence.invalid-config": ("invalid configuration: {reason}", "configuración inválida: {reason}",
                                "configuração inválida: {reason}", "configuration invalide : {reason}"),
    "evidence.binary": ("{category} ({format})", "{category} ({format})", "{category} ({format})",
                        "{category} ({format})"),
    "evidence.binary-test-data": ("binary test data ({format}), not counted",
                                  "datos de prueba binarios ({format}), no contados",
                                  "dados de teste binários ({format}), não contados",
                                  "données de test binaires ({format}), non comptées"),
    "evidence.build-python-cache": ("Python bytecode cache", "caché de bytecode Python", "cache de bytecode Python",
                                    "cache de bytecode Python"),
    "evidence.build-egg-info": ("Python packaging metadata (egg-info)", "metadatos de empaquetado Python (egg-info)",
                                "metadados de empacotamento Python (egg-info)",
                                "métadonnées d'empaquetage Python (egg-info)"),
    "evidence.build-dependencies": ("installed dependencies committed", "dependencias instaladas versionadas",
                                    "dependências instaladas versionadas", "dépendances installées versionnées"),
    "evidence.build-bundle": ("framework build output", "salida de compilación del framework",
                              "saída de build do framework", "sortie de compilation du framework"),
    "evidence.build-target": ("Cargo/Maven/sbt build directory", "directorio de compilación Cargo/Maven/sbt",
                              "diretório de build Cargo/Maven/sbt", "répertoire de compilation Cargo/Maven/sbt"),
    "evidence.build-dist": ("built package files", "archivos de paquete compilados", "arquivos de pacote gerados",
                            "fichiers de paquet construits"),
    "evidence.build-dotnet": (".NET build output", "salida de compilación .NET", "saída de build .NET",
                              "sortie de compilation .NET"),
    "evidence.minified": ("minified bundle (listed, not scored)", "paquete minificado (listado, no puntuado)",
                          "pacote minificado (listado, não pontuado)", "bundle minifié (listé, non noté)"),
    "evidence.unreadable": ("unreadable: {reason}", "ilegible: {reason}", "ilegível: {reason}", "illisible : {reason}"),
    "evidence.unpinned": ("{action} is not pinned to a commit SHA ({kind})",
                          "{action} no está fijada a un SHA de commit ({kind})",
                          "{action} não está fixada em um SHA de commit ({kind})",
                          "{action} n'est pas épinglée sur un SHA de commit ({kind})"),
    "evidence.job-write-all": ("job {job} has write-all permissions", "el job {job} tiene permisos write-all",
                               "o job {job} tem permissões write-all", "le job {job} a les permissions write-all"),
    "evidence.no-permissions": ("no top-level permissions; jobs without their own: {jobs}",
                                "sin permissions de nivel superior; jobs sin las suyas: {jobs}",
                                "sem permissions de nível superior; jobs sem as próprias: {jobs}",
                                "pas de permissions au niveau supérieur ; jobs sans les leurs : {jobs}"),
    "evidence.top-write-all": ("top-level permissions: write-all", "permissions de nivel superior: write-all",
                               "permissions de nível superior: write-all",
                               "permissions au niveau supérieur : write-all"),
    "evidence.top-write": ("top-level write scopes: {scopes}", "alcances de escritura de nivel superior: {scopes}",
                           "escopos de escrita de nível superior: {scopes}",
                           "portées en écriture au niveau supérieur : {scopes}"),
    "evidence.top-unknown": ("unexpected permissions value: {value}", "valor de permissions inesperado: {value}",
                             "valor de permissions inesperado: {value}", "valeur de permissions inattendue : {value}"),
    "evidence.untrusted-checkout": ("{trigger} workflow checks out the pull request's code (job {job})",
                                    "flujo {trigger} descarga el código del pull request (job {job})",
                                    "fluxo {trigger} faz checkout do código do pull request (job {job})",
                                    "workflow {trigger} extrait le code de la pull request (job {job})"),
    "evidence.injection": ("untrusted input {expr} in a script (job {job})",
                           "entrada no confiable {expr} en un script (job {job})",
                           "entrada não confiável {expr} em um script (job {job})",
                           "entrée non fiable {expr} dans un script (job {job})"),
    "evidence.newest-commit": ("newest commit {date}", "commit más reciente {date}", "commit mais recente {date}",
                               "commit le plus récent {date}"),
    "evidence.organization": ("{org}: {count} author(s)", "{org}: {count} autor(es)", "{org}: {count} autor(es)",
                              "{org} : {count} auteur(s)"),
    "evidence.author": ("{name}: {count} commit(s)", "{name}: {count} commit(s)", "{name}: {count} commit(s)",
                        "{name} : {count} commit(s)"),
    "evidence.unreviewed": ("no review evidence: {subject}", "sin evidencia de revisión: {subject}",
                            "sem evidência de revisão: {subject}", "aucune preuve de revue : {subject}"),
    "evidence.dco-asked": ("asks for DCO sign-offs", "pide firmas DCO (Signed-off-by)",
                           "pede assinaturas DCO (Signed-off-by)", "demande des signatures DCO (Signed-off-by)"),
    "evidence.unsigned-off": ("no Signed-off-by: {subject}", "sin Signed-off-by: {subject}",
                              "sem Signed-off-by: {subject}", "pas de Signed-off-by : {subject}"),
    "evidence.signed-tag": ("tag {tag} carries a signature", "la etiqueta {tag} lleva una firma",
                            "a tag {tag} tem uma assinatura", "l'étiquette {tag} porte une signature"),
    "evidence.unsigned-tag": ("tag {tag} is not signed", "la etiqueta {tag} no está firmada",
                              "a tag {tag} não está assinada", "l'étiquette {tag} n'est pas signée"),
    "evidence.secret": ("{kind} ({preview})", "{kind} ({preview})", "{kind} ({preview})", "{kind} ({preview})"),
    "category.executable": ("executable or compiled code", "ejecutable o código compilado",
                            "executável ou código compilado", "exécutable ou code compilé"),
    "category.package": ("built package of compiled code", "paquete de código compilado",
                         "pacote de código compilado", "paquet de code compilé"),
    "category.archive": ("archive", "archivo comprimido", "arquivo compactado", "archive"),
    "category.binary": ("binary data", "datos binarios", "dados binários", "données binaires"),
}

# Per check: title, remediation, and the explanations of its verdicts (summary keys).
_CHECKS: dict[str, dict[str, tuple[str, str, str, str]]] = {
    "readme": {
        "title": ("README", "README", "README", "README"),
        "remediation": ("Add a README that says what the software does, who it is for and how to install and use it.",
                        "Agregue un README que diga qué hace el software, para quién es y cómo instalarlo y usarlo.",
                        "Adicione um README que diga o que o software faz, para quem é e como instalá-lo e usá-lo.",
                        "Ajoutez un README qui dit ce que fait le logiciel, pour qui, et comment l'installer et "
                        "l'utiliser."),
        "missing": ("No README in the root, .github/, docs/ or .gitlab/.",
                    "No hay README en la raíz, .github/, docs/ ni .gitlab/.",
                    "Nenhum README na raiz, .github/, docs/ ou .gitlab/.",
                    "Aucun README à la racine, dans .github/, docs/ ou .gitlab/."),
        "empty": ("{path} is empty.", "{path} está vacío.", "{path} está vazio.", "{path} est vide."),
        "title-only": ("{path} has little more than a title.", "{path} tiene poco más que un título.",
                       "{path} tem pouco mais que um título.", "{path} ne contient guère plus qu'un titre."),
        "ok": ("{path} describes the project.", "{path} describe el proyecto.", "{path} descreve o projeto.",
               "{path} décrit le projet."),
    },
    "license-file": {
        "title": ("License file", "Archivo de licencia", "Arquivo de licença", "Fichier de licence"),
        "remediation": ("Add the full text of an OSI-approved license as LICENSE at the root.",
                        "Agregue el texto completo de una licencia aprobada por la OSI como LICENSE en la raíz.",
                        "Adicione o texto completo de uma licença aprovada pela OSI como LICENSE na raiz.",
                        "Ajoutez le texte complet d'une licence approuvée par l'OSI dans LICENSE à la racine."),
        "missing": ("No LICENSE, LICENCE or COPYING file.", "No hay archivo LICENSE, LICENCE ni COPYING.",
                    "Nenhum arquivo LICENSE, LICENCE ou COPYING.", "Aucun fichier LICENSE, LICENCE ou COPYING."),
        "empty": ("{path} is empty.", "{path} está vacío.", "{path} está vazio.", "{path} est vide."),
        "unidentified": ("{path} is not recognised as a license text.",
                         "{path} no se reconoce como texto de licencia.",
                         "{path} não é reconhecido como texto de licença.",
                         "{path} n'est pas reconnu comme un texte de licence."),
        "ok": ("{path} is a license text ({expression}).", "{path} es un texto de licencia ({expression}).",
               "{path} é um texto de licença ({expression}).", "{path} est un texte de licence ({expression})."),
    },
    "security-policy": {
        "title": ("Security policy", "Política de seguridad", "Política de segurança", "Politique de sécurité"),
        "remediation": ("Add a SECURITY.md that tells how to report a vulnerability privately (an e-mail address or a "
                        "reporting URL) and what response to expect.",
                        "Agregue un SECURITY.md que indique cómo reportar una vulnerabilidad en privado (un correo o "
                        "una URL de reporte) y qué respuesta esperar.",
                        "Adicione um SECURITY.md que diga como relatar uma vulnerabilidade em privado (um e-mail ou "
                        "uma URL de relato) e que resposta esperar.",
                        "Ajoutez un SECURITY.md indiquant comment signaler une vulnérabilité en privé (une adresse "
                        "de courriel ou une URL) et quelle réponse attendre."),
        "missing": ("No SECURITY.md.", "No hay SECURITY.md.", "Nenhum SECURITY.md.", "Aucun SECURITY.md."),
        "empty": ("{path} is empty.", "{path} está vacío.", "{path} está vazio.", "{path} est vide."),
        "no-contact": ("{path} names no contact (e-mail or URL).", "{path} no indica ningún contacto (correo o URL).",
                       "{path} não indica nenhum contato (e-mail ou URL).",
                       "{path} n'indique aucun contact (courriel ou URL)."),
        "ok": ("{path} tells how to report a vulnerability.", "{path} indica cómo reportar una vulnerabilidad.",
               "{path} indica como relatar uma vulnerabilidade.", "{path} indique comment signaler une vulnérabilité."),
    },
    "contributing": {
        "title": ("Contributing guide", "Guía de contribución", "Guia de contribuição", "Guide de contribution"),
        "remediation": ("Add a CONTRIBUTING.md explaining how to propose changes, run the tests and get a review.",
                        "Agregue un CONTRIBUTING.md que explique cómo proponer cambios, ejecutar las pruebas y obtener "
                        "una revisión.",
                        "Adicione um CONTRIBUTING.md explicando como propor mudanças, rodar os testes e obter revisão.",
                        "Ajoutez un CONTRIBUTING.md expliquant comment proposer des changements, lancer les tests et "
                        "obtenir une revue."),
        "missing": ("No CONTRIBUTING file.", "No hay archivo CONTRIBUTING.", "Nenhum arquivo CONTRIBUTING.",
                    "Aucun fichier CONTRIBUTING."),
        "empty": ("{path} is empty.", "{path} está vacío.", "{path} está vazio.", "{path} est vide."),
        "ok": ("{path} is present.", "{path} está presente.", "{path} está presente.", "{path} est présent."),
    },
    "code-of-conduct": {
        "title": ("Code of conduct", "Código de conducta", "Código de conduta", "Code de conduite"),
        "remediation": ("Add a CODE_OF_CONDUCT.md stating expected behaviour and how to report problems.",
                        "Agregue un CODE_OF_CONDUCT.md con el comportamiento esperado y cómo reportar problemas.",
                        "Adicione um CODE_OF_CONDUCT.md com o comportamento esperado e como relatar problemas.",
                        "Ajoutez un CODE_OF_CONDUCT.md décrivant le comportement attendu et comment signaler un "
                        "problème."),
        "missing": ("No code of conduct.", "No hay código de conducta.", "Nenhum código de conduta.",
                    "Aucun code de conduite."),
        "empty": ("{path} is empty.", "{path} está vacío.", "{path} está vazio.", "{path} est vide."),
        "ok": ("{path} is present.", "{path} está presente.", "{path} está presente.", "{path} est présent."),
    },
    "publiccode-file": {
        "title": ("publiccode.yml", "publiccode.yml", "publiccode.yml", "publiccode.yml"),
        "remediation": ("Add a publiccode.yml at the root so public-software catalogues can list the project "
                        "(`ospo publish prepare` writes one).",
                        "Agregue un publiccode.yml en la raíz para que los catálogos de software público puedan "
                        "listar el proyecto (`ospo publish prepare` lo genera).",
                        "Adicione um publiccode.yml na raiz para que catálogos de software público possam listar o "
                        "projeto (`ospo publish prepare` gera um).",
                        "Ajoutez un publiccode.yml à la racine pour que les catalogues de logiciels publics puissent "
                        "référencer le projet (`ospo publish prepare` en écrit un)."),
        "missing": ("No publiccode.yml.", "No hay publiccode.yml.", "Nenhum publiccode.yml.", "Aucun publiccode.yml."),
        "misplaced": ("{path} is not at the root, where the standard requires it.",
                      "{path} no está en la raíz, donde lo exige el estándar.",
                      "{path} não está na raiz, onde o padrão exige.",
                      "{path} n'est pas à la racine, où la norme l'exige."),
        "empty": ("{path} is empty.", "{path} está vacío.", "{path} está vazio.", "{path} est vide."),
        "ok": ("{path} is present.", "{path} está presente.", "{path} está presente.", "{path} est présent."),
    },
    "license": {
        "title": ("Valid license", "Licencia válida", "Licença válida", "Licence valide"),
        "remediation": ("Use the unmodified text of an SPDX-listed license and declare the same identifier in every "
                        "package manifest (package.json, pyproject.toml, pom.xml…).",
                        "Use el texto sin modificar de una licencia de la lista SPDX y declare el mismo identificador "
                        "en cada manifiesto de paquete (package.json, pyproject.toml, pom.xml…).",
                        "Use o texto sem modificações de uma licença da lista SPDX e declare o mesmo identificador em "
                        "cada manifesto de pacote (package.json, pyproject.toml, pom.xml…).",
                        "Utilisez le texte non modifié d'une licence de la liste SPDX et déclarez le même identifiant "
                        "dans chaque manifeste de paquet (package.json, pyproject.toml, pom.xml…)."),
        "missing": ("No license file.", "No hay archivo de licencia.", "Nenhum arquivo de licença.",
                    "Aucun fichier de licence."),
        "unidentified": ("{path} is not identified as any SPDX license.",
                         "{path} no se identifica como ninguna licencia SPDX.",
                         "{path} não é identificado como nenhuma licença SPDX.",
                         "{path} n'est identifié comme aucune licence SPDX."),
        "not-spdx": ("{path} is identified as {expression}, which is not an SPDX-listed license.",
                     "{path} se identifica como {expression}, que no es una licencia de la lista SPDX.",
                     "{path} é identificado como {expression}, que não é uma licença da lista SPDX.",
                     "{path} est identifié comme {expression}, qui n'est pas une licence de la liste SPDX."),
        "disagrees": ("License {expression}; {count} declaration(s) in manifests disagree with the license file.",
                      "Licencia {expression}; {count} declaración(es) en manifiestos no coinciden con el archivo.",
                      "Licença {expression}; {count} declaração(ões) em manifestos divergem do arquivo de licença.",
                      "Licence {expression} ; {count} déclaration(s) dans les manifestes divergent du fichier."),
        "ok": ("License {expression}; {count} manifest declaration(s) agree.",
               "Licencia {expression}; {count} declaración(es) en manifiestos coinciden.",
               "Licença {expression}; {count} declaração(ões) em manifestos conferem.",
               "Licence {expression} ; {count} déclaration(s) dans les manifestes concordent."),
    },
    "copyright": {
        "title": ("Copyright notice", "Aviso de derechos de autor", "Aviso de direitos autorais", "Mention de droit "
                  "d'auteur"),
        "remediation": ("State who owns the code: a line such as \"Copyright 2024 Agency name\" in LICENSE, NOTICE or "
                        "the README (or a public-domain dedication where the law makes the work public).",
                        "Indique quién es titular del código: una línea como \"Copyright 2024 Nombre del organismo\" "
                        "en LICENSE, NOTICE o el README (o una dedicación al dominio público donde la ley lo prevé).",
                        "Indique quem é titular do código: uma linha como \"Copyright 2024 Nome do órgão\" em "
                        "LICENSE, NOTICE ou no README (ou uma dedicação ao domínio público quando a lei prevê).",
                        "Indiquez qui détient le code : une ligne comme « Copyright 2024 Nom de l'administration » "
                        "dans LICENSE, NOTICE ou le README (ou une dédicace au domaine public lorsque la loi le "
                        "prévoit)."),
        "ok": ("Copyright notice in {path}.", "Aviso de derechos de autor en {path}.",
               "Aviso de direitos autorais em {path}.", "Mention de droit d'auteur dans {path}."),
        "public-domain": ("{path} dedicates the work to the public domain.",
                          "{path} dedica la obra al dominio público.", "{path} dedica a obra ao domínio público.",
                          "{path} verse l'œuvre dans le domaine public."),
        "elsewhere": ("Copyright notice found in {path}, not in LICENSE/NOTICE.",
                      "Aviso de derechos de autor en {path}, no en LICENSE/NOTICE.",
                      "Aviso de direitos autorais em {path}, não em LICENSE/NOTICE.",
                      "Mention de droit d'auteur dans {path}, pas dans LICENSE/NOTICE."),
        "missing": ("No copyright notice found.", "No se encontró aviso de derechos de autor.",
                    "Nenhum aviso de direitos autorais encontrado.", "Aucune mention de droit d'auteur trouvée."),
    },
    "lockfiles": {
        "title": ("Lockfiles committed", "Archivos de bloqueo versionados", "Arquivos de lock versionados",
                  "Fichiers de verrouillage versionnés"),
        "remediation": ("Commit the lockfile your package manager writes (package-lock.json, poetry.lock, go.sum, "
                        "Cargo.lock, Gemfile.lock, composer.lock…) so builds install exactly what was reviewed.",
                        "Versione el archivo de bloqueo que escribe su gestor de paquetes (package-lock.json, "
                        "poetry.lock, go.sum, Cargo.lock, Gemfile.lock, composer.lock…) para instalar exactamente lo "
                        "revisado.",
                        "Versione o arquivo de lock que seu gerenciador de pacotes gera (package-lock.json, "
                        "poetry.lock, go.sum, Cargo.lock, Gemfile.lock, composer.lock…) para instalar exatamente o "
                        "que foi revisado.",
                        "Versionnez le fichier de verrouillage écrit par votre gestionnaire de paquets "
                        "(package-lock.json, poetry.lock, go.sum, Cargo.lock, Gemfile.lock, composer.lock…) pour "
                        "installer exactement ce qui a été revu."),
        "not-applicable": ("No manifest of an ecosystem that uses lockfiles.",
                           "Ningún manifiesto de un ecosistema que use archivos de bloqueo.",
                           "Nenhum manifesto de um ecossistema que use arquivos de lock.",
                           "Aucun manifeste d'un écosystème à fichiers de verrouillage."),
        "ok": ("All {count} manifest(s) have a lockfile ({ecosystems}).",
               "Los {count} manifiesto(s) tienen archivo de bloqueo ({ecosystems}).",
               "Todos os {count} manifesto(s) têm arquivo de lock ({ecosystems}).",
               "Les {count} manifeste(s) ont un fichier de verrouillage ({ecosystems})."),
        "missing": ("{missing} of {count} manifest(s) have no lockfile.",
                    "{missing} de {count} manifiesto(s) no tienen archivo de bloqueo.",
                    "{missing} de {count} manifesto(s) não têm arquivo de lock.",
                    "{missing} manifeste(s) sur {count} n'ont pas de fichier de verrouillage."),
    },
    "dependency-update-tool": {
        "title": ("Dependency-update tool", "Herramienta de actualización de dependencias",
                  "Ferramenta de atualização de dependências", "Outil de mise à jour des dépendances"),
        "remediation": ("Configure Dependabot (.github/dependabot.yml) or Renovate (renovate.json) so dependency "
                        "updates arrive as reviewable changes.",
                        "Configure Dependabot (.github/dependabot.yml) o Renovate (renovate.json) para recibir las "
                        "actualizaciones de dependencias como cambios revisables.",
                        "Configure o Dependabot (.github/dependabot.yml) ou o Renovate (renovate.json) para receber "
                        "atualizações de dependências como mudanças revisáveis.",
                        "Configurez Dependabot (.github/dependabot.yml) ou Renovate (renovate.json) pour recevoir les "
                        "mises à jour de dépendances sous forme de changements à revoir."),
        "ok": ("A dependency-update tool is configured.", "Hay una herramienta de actualización configurada.",
               "Há uma ferramenta de atualização configurada.", "Un outil de mise à jour est configuré."),
        "invalid": ("The dependency-update configuration cannot be read.",
                    "La configuración de actualización de dependencias no se puede leer.",
                    "A configuração de atualização de dependências não pode ser lida.",
                    "La configuration de mise à jour des dépendances est illisible."),
        "missing": ("No Dependabot or Renovate configuration.", "No hay configuración de Dependabot ni Renovate.",
                    "Nenhuma configuração de Dependabot ou Renovate.", "Aucune configuration Dependabot ou Renovate."),
    },
    "binaries": {
        "title": ("Committed binaries", "Binarios versionados", "Binários versionados", "Binaires versionnés"),
        "remediation": ("Remove binaries from the repository and build them from source in CI; publish artifacts "
                        "as release assets. Keep binary test data under a fixtures/ or testdata/ directory.",
                        "Quite los binarios del repositorio y compílelos desde el código en la CI; publique los "
                        "artefactos como recursos de versión. Deje los datos de prueba binarios en fixtures/ o "
                        "testdata/.",
                        "Remova os binários do repositório e gere-os a partir do código na CI; publique artefatos "
                        "como anexos de versão. Mantenha dados de teste binários em fixtures/ ou testdata/.",
                        "Retirez les binaires du dépôt et construisez-les depuis les sources en CI ; publiez les "
                        "artefacts comme pièces jointes de version. Gardez les données de test binaires dans "
                        "fixtures/ ou testdata/."),
        "executables": ("{count} binary file(s), {executables} of them executable or compiled code.",
                        "{count} archivo(s) binario(s), {executables} ejecutables o código compilado.",
                        "{count} arquivo(s) binário(s), {executables} executáveis ou código compilado.",
                        "{count} fichier(s) binaire(s), dont {executables} exécutables ou code compilé."),
        "other": ("{count} archive(s) or binary data file(s).", "{count} archivo(s) comprimido(s) o datos binarios.",
                  "{count} arquivo(s) compactado(s) ou dados binários.", "{count} archive(s) ou données binaires."),
        "ok-capped": ("No binaries among the files inspected; {unread} file(s) over the limits were not read.",
                      "Sin binarios entre los archivos inspeccionados; {unread} archivo(s) sobre los límites no se "
                      "leyeron.",
                      "Nenhum binário entre os arquivos inspecionados; {unread} arquivo(s) acima dos limites não "
                      "foram lidos.",
                      "Aucun binaire parmi les fichiers inspectés ; {unread} fichier(s) au-delà des limites non lus."),
        "ok": ("No binaries among {count} file(s).", "Sin binarios entre {count} archivo(s).",
               "Nenhum binário entre {count} arquivo(s).", "Aucun binaire parmi {count} fichier(s)."),
    },
    "build-output": {
        "title": ("Committed build outputs", "Salidas de compilación versionadas", "Saídas de build versionadas",
                  "Sorties de compilation versionnées"),
        "remediation": ("Delete generated directories from the repository and list them in .gitignore.",
                        "Elimine los directorios generados del repositorio y agréguelos a .gitignore.",
                        "Remova os diretórios gerados do repositório e inclua-os no .gitignore.",
                        "Supprimez les répertoires générés du dépôt et ajoutez-les à .gitignore."),
        "found": ("{count} build-output or installed-dependency directory(ies) committed.",
                  "{count} directorio(s) de compilación o de dependencias instaladas versionados.",
                  "{count} diretório(s) de build ou de dependências instaladas versionados.",
                  "{count} répertoire(s) de compilation ou de dépendances installées versionnés."),
        "ok": ("No build-output directory ({minified} minified bundle(s) listed).",
               "Ningún directorio de compilación ({minified} paquete(s) minificado(s) listados).",
               "Nenhum diretório de build ({minified} pacote(s) minificado(s) listados).",
               "Aucun répertoire de compilation ({minified} bundle(s) minifié(s) listés)."),
    },
    "ci": {
        "title": ("Continuous integration", "Integración continua", "Integração contínua", "Intégration continue"),
        "remediation": ("Run the build and tests on every change with the forge's CI (GitHub Actions, GitLab CI, "
                        "Woodpecker, Jenkins…).",
                        "Ejecute la compilación y las pruebas en cada cambio con la CI de la forja (GitHub Actions, "
                        "GitLab CI, Woodpecker, Jenkins…).",
                        "Execute o build e os testes a cada mudança com a CI da forja (GitHub Actions, GitLab CI, "
                        "Woodpecker, Jenkins…).",
                        "Lancez la compilation et les tests à chaque changement avec la CI de la forge (GitHub "
                        "Actions, GitLab CI, Woodpecker, Jenkins…)."),
        "missing": ("No CI configuration found.", "No se encontró configuración de CI.",
                    "Nenhuma configuração de CI encontrada.", "Aucune configuration de CI trouvée."),
        "ok": ("CI configured: {systems}.", "CI configurada: {systems}.", "CI configurada: {systems}.",
               "CI configurée : {systems}."),
    },
    "pinned-actions": {
        "title": ("Actions pinned to commit SHAs", "Acciones fijadas a SHA de commit", "Ações fixadas em SHA de commit",
                  "Actions épinglées sur des SHA de commit"),
        "remediation": ("Reference every action by its full 40-character commit SHA, with the version in a comment "
                        "(uses: actions/checkout@<sha> # v4.1.1); Dependabot keeps such pins up to date.",
                        "Referencie cada acción por su SHA de commit completo de 40 caracteres, con la versión en un "
                        "comentario (uses: actions/checkout@<sha> # v4.1.1); Dependabot mantiene esos pines al día.",
                        "Referencie cada ação pelo SHA de commit completo de 40 caracteres, com a versão em um "
                        "comentário (uses: actions/checkout@<sha> # v4.1.1); o Dependabot mantém esses pinos "
                        "atualizados.",
                        "Référencez chaque action par son SHA de commit complet de 40 caractères, avec la version en "
                        "commentaire (uses: actions/checkout@<sha> # v4.1.1) ; Dependabot tient ces épingles à jour."),
        "not-applicable": ("No GitHub Actions used.", "No se usan GitHub Actions.", "Nenhuma GitHub Action usada.",
                           "Aucune GitHub Action utilisée."),
        "ok": ("All {count} action reference(s) are pinned to commit SHAs.",
               "Las {count} referencias a acciones están fijadas a SHA de commit.",
               "Todas as {count} referências a ações estão fixadas em SHA de commit.",
               "Les {count} références d'actions sont épinglées sur des SHA de commit."),
        "unpinned": ("{unpinned} of {count} action reference(s) can change under the workflow (tag or branch).",
                     "{unpinned} de {count} referencias a acciones pueden cambiar (etiqueta o rama).",
                     "{unpinned} de {count} referências a ações podem mudar (tag ou branch).",
                     "{unpinned} référence(s) d'actions sur {count} peuvent changer (étiquette ou branche)."),
    },
    "token-permissions": {
        "title": ("Least-privilege token permissions", "Permisos mínimos del token", "Permissões mínimas do token",
                  "Permissions minimales du jeton"),
        "remediation": ("Set `permissions: contents: read` (or `{}`) at the top of every workflow and grant write "
                        "scopes only to the jobs that need them.",
                        "Defina `permissions: contents: read` (o `{}`) al inicio de cada flujo y otorgue permisos de "
                        "escritura solo a los jobs que los necesitan.",
                        "Defina `permissions: contents: read` (ou `{}`) no topo de cada fluxo e conceda escopos de "
                        "escrita só aos jobs que precisam.",
                        "Définissez `permissions: contents: read` (ou `{}`) en tête de chaque workflow et n'accordez "
                        "l'écriture qu'aux jobs qui en ont besoin."),
        "not-applicable": ("No GitHub Actions workflows.", "No hay flujos de GitHub Actions.",
                           "Nenhum fluxo do GitHub Actions.", "Aucun workflow GitHub Actions."),
        "unreadable": ("No workflow could be read.", "Ningún flujo pudo leerse.", "Nenhum fluxo pôde ser lido.",
                       "Aucun workflow n'a pu être lu."),
        "ok": ("All {count} workflow(s) use least-privilege tokens.",
               "Los {count} flujos usan tokens de privilegio mínimo.",
               "Todos os {count} fluxos usam tokens de privilégio mínimo.",
               "Les {count} workflows utilisent des jetons à privilège minimal."),
        "broad": ("{count} of {total} workflow(s) give their token more than read access.",
                  "{count} de {total} flujos dan a su token más que lectura.",
                  "{count} de {total} fluxos dão ao token mais que leitura.",
                  "{count} workflow(s) sur {total} donnent plus que la lecture à leur jeton."),
    },
    "dangerous-workflow": {
        "title": ("Dangerous workflow patterns", "Patrones peligrosos en flujos", "Padrões perigosos em fluxos",
                  "Motifs dangereux dans les workflows"),
        "remediation": ("Never check out a pull request's code in pull_request_target/workflow_run workflows; pass "
                        "untrusted values to scripts through env: variables instead of ${{ }} interpolation.",
                        "Nunca descargue el código de un pull request en flujos pull_request_target/workflow_run; "
                        "pase los valores no confiables a los scripts con variables env: en lugar de ${{ }}.",
                        "Nunca faça checkout do código de um pull request em fluxos pull_request_target/workflow_run; "
                        "passe valores não confiáveis aos scripts por variáveis env: em vez de ${{ }}.",
                        "N'extrayez jamais le code d'une pull request dans un workflow pull_request_target/"
                        "workflow_run ; passez les valeurs non fiables aux scripts par des variables env: plutôt "
                        "que par ${{ }}."),
        "not-applicable": ("No GitHub Actions workflows.", "No hay flujos de GitHub Actions.",
                           "Nenhum fluxo do GitHub Actions.", "Aucun workflow GitHub Actions."),
        "unreadable": ("No workflow could be read.", "Ningún flujo pudo leerse.", "Nenhum fluxo pôde ser lido.",
                       "Aucun workflow n'a pu être lu."),
        "found": ("{count} dangerous pattern(s) found.", "{count} patrón(es) peligroso(s) encontrado(s).",
                  "{count} padrão(ões) perigoso(s) encontrado(s).", "{count} motif(s) dangereux trouvé(s)."),
        "ok": ("No dangerous pattern in {count} workflow(s).", "Ningún patrón peligroso en {count} flujo(s).",
               "Nenhum padrão perigoso em {count} fluxo(s).", "Aucun motif dangereux dans {count} workflow(s)."),
    },
    "sast": {
        "title": ("Static analysis (SAST)", "Análisis estático (SAST)", "Análise estática (SAST)",
                  "Analyse statique (SAST)"),
        "remediation": ("Run a static security analyser on every change (CodeQL, Semgrep, SonarQube, gosec, "
                        "Bandit…).",
                        "Ejecute un analizador estático de seguridad en cada cambio (CodeQL, Semgrep, SonarQube, "
                        "gosec, Bandit…).",
                        "Execute um analisador estático de segurança a cada mudança (CodeQL, Semgrep, SonarQube, "
                        "gosec, Bandit…).",
                        "Lancez un analyseur statique de sécurité à chaque changement (CodeQL, Semgrep, SonarQube, "
                        "gosec, Bandit…)."),
        "ok": ("SAST configured: {tools}.", "SAST configurado: {tools}.", "SAST configurado: {tools}.",
               "SAST configuré : {tools}."),
        "missing": ("No SAST tool found in the repository's configuration.",
                    "No se encontró herramienta SAST en la configuración del repositorio.",
                    "Nenhuma ferramenta SAST encontrada na configuração do repositório.",
                    "Aucun outil SAST trouvé dans la configuration du dépôt."),
    },
    "fuzzing": {
        "title": ("Fuzzing", "Fuzzing", "Fuzzing", "Fuzzing"),
        "remediation": ("Add fuzz tests for code that parses untrusted input (Go `func Fuzz`, cargo-fuzz, atheris, "
                        "Jazzer, libFuzzer) and run them in CI (ClusterFuzzLite) or OSS-Fuzz.",
                        "Agregue pruebas de fuzzing para el código que procesa entradas no confiables (Go `func Fuzz`, "
                        "cargo-fuzz, atheris, Jazzer, libFuzzer) y ejecútelas en la CI (ClusterFuzzLite) u OSS-Fuzz.",
                        "Adicione testes de fuzzing para o código que processa entradas não confiáveis (Go `func "
                        "Fuzz`, cargo-fuzz, atheris, Jazzer, libFuzzer) e rode-os na CI (ClusterFuzzLite) ou "
                        "OSS-Fuzz.",
                        "Ajoutez des tests de fuzzing pour le code qui lit des entrées non fiables (Go `func Fuzz`, "
                        "cargo-fuzz, atheris, Jazzer, libFuzzer) et lancez-les en CI (ClusterFuzzLite) ou OSS-Fuzz."),
        "ok": ("Fuzzing configured: {tools}.", "Fuzzing configurado: {tools}.", "Fuzzing configurado: {tools}.",
               "Fuzzing configuré : {tools}."),
        "missing": ("No fuzzing found.", "No se encontró fuzzing.", "Nenhum fuzzing encontrado.",
                    "Aucun fuzzing trouvé."),
    },
    "maintained": {
        "title": ("Maintained", "Mantenido", "Mantido", "Maintenu"),
        "remediation": ("An inactive repository should say so (archive it, or state its status in the README and "
                        "publiccode.yml maintenance fields).",
                        "Un repositorio inactivo debe indicarlo (archívelo o declare su estado en el README y en los "
                        "campos maintenance de publiccode.yml).",
                        "Um repositório inativo deve dizê-lo (arquive-o ou declare seu status no README e nos campos "
                        "maintenance do publiccode.yml).",
                        "Un dépôt inactif doit le dire (archivez-le, ou indiquez son statut dans le README et les "
                        "champs maintenance de publiccode.yml)."),
        "none": ("No commit in the last 90 days.", "Ningún commit en los últimos 90 días.",
                 "Nenhum commit nos últimos 90 dias.", "Aucun commit ces 90 derniers jours."),
        "ok": ("{count} commit(s) in the last 90 days, {weeks} of {possible} weeks active (newest {date}).",
               "{count} commit(s) en los últimos 90 días, {weeks} de {possible} semanas activas (más reciente "
               "{date}).",
               "{count} commit(s) nos últimos 90 dias, {weeks} de {possible} semanas ativas (mais recente {date}).",
               "{count} commit(s) ces 90 derniers jours, {weeks} semaines actives sur {possible} (dernier le "
               "{date})."),
    },
    "contributors": {
        "title": ("Contributors and organizations", "Contribuyentes y organizaciones", "Contribuidores e organizações",
                  "Contributeurs et organisations"),
        "remediation": ("Invite other agencies and organizations to contribute; shared maintenance lowers the risk of "
                        "abandonment.",
                        "Invite a otros organismos y organizaciones a contribuir; el mantenimiento compartido reduce "
                        "el riesgo de abandono.",
                        "Convide outros órgãos e organizações a contribuir; a manutenção compartilhada reduz o risco "
                        "de abandono.",
                        "Invitez d'autres administrations et organisations à contribuer ; une maintenance partagée "
                        "réduit le risque d'abandon."),
        "none": ("No human commit in the year before the newest commit.",
                 "Ningún commit humano en el año anterior al commit más reciente.",
                 "Nenhum commit humano no ano anterior ao commit mais recente.",
                 "Aucun commit humain dans l'année précédant le dernier commit."),
        "ok": ("{authors} author(s) from {orgs} organization(s) in the last year ({unknown} unidentified).",
               "{authors} autor(es) de {orgs} organización(es) en el último año ({unknown} sin identificar).",
               "{authors} autor(es) de {orgs} organização(ões) no último ano ({unknown} não identificados).",
               "{authors} auteur(s) de {orgs} organisation(s) la dernière année ({unknown} non identifiés)."),
    },
    "bus-factor": {
        "title": ("Bus factor", "Factor bus", "Fator ônibus", "Facteur d'autobus"),
        "remediation": ("Spread knowledge: review each other's changes, document the build and release, and bring "
                        "more maintainers in.",
                        "Reparta el conocimiento: revisen sus cambios mutuamente, documente la compilación y la "
                        "publicación, y sume más mantenedores.",
                        "Distribua o conhecimento: revisem as mudanças uns dos outros, documente o build e a "
                        "publicação e traga mais mantenedores.",
                        "Partagez le savoir : relisez-vous mutuellement, documentez la compilation et la publication, "
                        "et accueillez d'autres mainteneurs."),
        "none": ("No human commit in the year before the newest commit.",
                 "Ningún commit humano en el año anterior al commit más reciente.",
                 "Nenhum commit humano no ano anterior ao commit mais recente.",
                 "Aucun commit humain dans l'année précédant le dernier commit."),
        "ok": ("{k} author(s) made half of the {commits} commit(s) of the last year ({authors} authors in all).",
               "{k} autor(es) hicieron la mitad de los {commits} commit(s) del último año ({authors} autores en "
               "total).",
               "{k} autor(es) fizeram metade dos {commits} commit(s) do último ano ({authors} autores no total).",
               "{k} auteur(s) ont fait la moitié des {commits} commit(s) de la dernière année ({authors} auteurs "
               "au total)."),
    },
    "code-review": {
        "title": ("Code review", "Revisión de código", "Revisão de código", "Revue de code"),
        "remediation": ("Merge changes through reviewed pull/merge requests (protected branch with required "
                        "approvals), or record reviews with Reviewed-by: trailers.",
                        "Integre los cambios mediante pull/merge requests revisados (rama protegida con aprobaciones "
                        "obligatorias) o registre revisiones con Reviewed-by:.",
                        "Integre mudanças por pull/merge requests revisados (branch protegido com aprovações "
                        "obrigatórias) ou registre revisões com Reviewed-by:.",
                        "Intégrez les changements via des pull/merge requests revues (branche protégée avec "
                        "approbations obligatoires) ou consignez les revues avec Reviewed-by:."),
        "none": ("No human changeset to judge.", "Ningún cambio humano que evaluar.",
                 "Nenhuma mudança humana a avaliar.",
                 "Aucun changement humain à juger."),
        "ok": ("{reviewed} of the last {count} changeset(s) show review evidence.",
               "{reviewed} de los últimos {count} cambios muestran evidencia de revisión.",
               "{reviewed} das últimas {count} mudanças mostram evidência de revisão.",
               "{reviewed} des {count} derniers changements montrent une preuve de revue."),
    },
    "dco": {
        "title": ("DCO sign-offs", "Firmas DCO", "Assinaturas DCO", "Signatures DCO"),
        "remediation": ("The project asks for sign-offs: commit with `git commit -s` and enable a DCO check on "
                        "pull requests.",
                        "El proyecto pide firmas: haga commit con `git commit -s` y active una verificación DCO en los "
                        "pull requests.",
                        "O projeto pede assinaturas: faça commit com `git commit -s` e ative uma verificação DCO nos "
                        "pull requests.",
                        "Le projet demande des signatures : committez avec `git commit -s` et activez une "
                        "vérification DCO sur les pull requests."),
        "not-applicable": ("The project does not ask for DCO sign-offs.", "El proyecto no pide firmas DCO.",
                           "O projeto não pede assinaturas DCO.", "Le projet ne demande pas de signatures DCO."),
        "none": ("No human commit to judge.", "Ningún commit humano que evaluar.", "Nenhum commit humano a avaliar.",
                 "Aucun commit humain à juger."),
        "ok": ("{signed} of {count} commit(s) of the last year are signed off.",
               "{signed} de {count} commit(s) del último año tienen Signed-off-by.",
               "{signed} de {count} commit(s) do último ano têm Signed-off-by.",
               "{signed} commit(s) sur {count} de la dernière année ont un Signed-off-by."),
    },
    "signed": {
        "title": ("Signed commits and tags", "Commits y etiquetas firmados", "Commits e tags assinados",
                  "Commits et étiquettes signés"),
        "remediation": ("Sign release tags (git tag -s) and commits (GPG, SSH or Sigstore gitsign) so users can tell "
                        "them from forgeries.",
                        "Firme las etiquetas de versión (git tag -s) y los commits (GPG, SSH o Sigstore gitsign) para "
                        "distinguirlos de falsificaciones.",
                        "Assine as tags de versão (git tag -s) e os commits (GPG, SSH ou Sigstore gitsign) para "
                        "distingui-los de falsificações.",
                        "Signez les étiquettes de version (git tag -s) et les commits (GPG, SSH ou Sigstore gitsign) "
                        "pour les distinguer de contrefaçons."),
        "none": ("No commit or tag to judge.", "Ningún commit ni etiqueta que evaluar.",
                 "Nenhum commit ou tag a avaliar.", "Aucun commit ni étiquette à juger."),
        "ok": ("{signed} of {count} commit(s) and {signed_tags} of {tags} tag(s) carry a signature (presence only, "
               "not verified).",
               "{signed} de {count} commit(s) y {signed_tags} de {tags} etiqueta(s) llevan firma (solo presencia, "
               "sin verificar).",
               "{signed} de {count} commit(s) e {signed_tags} de {tags} tag(s) têm assinatura (só presença, não "
               "verificada).",
               "{signed} commit(s) sur {count} et {signed_tags} étiquette(s) sur {tags} portent une signature "
               "(présence seulement, non vérifiée)."),
    },
    "secrets": {
        "title": ("Secrets in the tree", "Secretos en el árbol", "Segredos na árvore", "Secrets dans l'arborescence"),
        "remediation": ("Revoke every exposed credential first, then remove it from the code (and history); keep "
                        "secrets in the CI's secret store. Review flagged personal data before publishing.",
                        "Revoque primero cada credencial expuesta y luego quítela del código (y del historial); guarde "
                        "los secretos en el almacén de secretos de la CI. Revise los datos personales señalados antes "
                        "de publicar.",
                        "Revogue primeiro cada credencial exposta e depois remova-a do código (e do histórico); guarde "
                        "segredos no cofre de segredos da CI. Revise os dados pessoais sinalizados antes de publicar.",
                        "Révoquez d'abord chaque identifiant exposé, puis retirez-le du code (et de l'historique) ; "
                        "gardez les secrets dans le coffre de la CI. Revoyez les données personnelles signalées avant "
                        "de publier."),
        "unavailable": ("Not evaluated: the secrets engine is not installed.",
                        "No evaluado: el motor de secretos no está instalado.",
                        "Não avaliado: o motor de segredos não está instalado.",
                        "Non évalué : le moteur de secrets n'est pas installé."),
        "found": ("{count} secret(s) in the current tree.", "{count} secreto(s) en el árbol actual.",
                  "{count} segredo(s) na árvore atual.", "{count} secret(s) dans l'arborescence actuelle."),
        "personal": ("{count} personal-data finding(s) to review.",
                     "{count} hallazgo(s) de datos personales a revisar.",
                     "{count} achado(s) de dados pessoais a revisar.",
                     "{count} donnée(s) personnelle(s) à revoir."),
        "ok": ("No secret in {count} file(s) scanned.", "Ningún secreto en {count} archivo(s) analizados.",
               "Nenhum segredo em {count} arquivo(s) analisados.", "Aucun secret dans {count} fichier(s) analysés."),
    },
    "publiccode-valid": {
        "title": ("publiccode.yml valid", "publiccode.yml válido", "publiccode.yml válido", "publiccode.yml valide"),
        "remediation": ("Fix the errors reported for publiccode.yml (`ospo publiccode validate publiccode.yml`).",
                        "Corrija los errores de publiccode.yml (`ospo publiccode validate publiccode.yml`).",
                        "Corrija os erros do publiccode.yml (`ospo publiccode validate publiccode.yml`).",
                        "Corrigez les erreurs de publiccode.yml (`ospo publiccode validate publiccode.yml`)."),
        "not-applicable": ("No publiccode.yml at the root.", "No hay publiccode.yml en la raíz.",
                           "Nenhum publiccode.yml na raiz.", "Aucun publiccode.yml à la racine."),
        "unavailable": ("Not evaluated: the publiccode.yml validator is not installed.",
                        "No evaluado: el validador de publiccode.yml no está instalado.",
                        "Não avaliado: o validador de publiccode.yml não está instalado.",
                        "Non évalué : le validateur de publiccode.yml n'est pas installé."),
        "invalid": ("publiccode.yml has {count} error(s).", "publiccode.yml tiene {count} error(es).",
                    "publiccode.yml tem {count} erro(s).", "publiccode.yml contient {count} erreur(s)."),
        "warnings": ("publiccode.yml is valid with {count} warning(s).",
                     "publiccode.yml es válido con {count} advertencia(s).",
                     "publiccode.yml é válido com {count} alerta(s).",
                     "publiccode.yml est valide avec {count} avertissement(s)."),
        "ok": ("publiccode.yml is valid (version {version}).", "publiccode.yml es válido (versión {version}).",
               "publiccode.yml é válido (versão {version}).", "publiccode.yml est valide (version {version})."),
    },
}


def _build() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for key, texts in _M.items():
        out[key] = dict(zip(LANGUAGES, texts, strict=True))
    for check_id, entries in _CHECKS.items():
        for sub, texts in entries.items():
            out[f"{check_id}.{sub}"] = dict(zip(LANGUAGES, texts, strict=True))
    return out


CATALOG = Catalog(_build())
CHECK_MESSAGES = {check_id: frozenset(entries) for check_id, entries in _CHECKS.items()}
