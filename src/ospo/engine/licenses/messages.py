"""Messages of the license policy engine and ``ospo check``, in en / es / pt-BR / fr (one row per message).

Rows are (English, Spanish, Brazilian Portuguese, French), kept side by side so that a missing or stale
translation shows in review; ``CATALOG.missing()`` is asserted empty by the tests.
"""

from __future__ import annotations

from ospo.engine.i18n import LANGUAGES, Catalog

_ROWS: dict[str, tuple[str, str, str, str]] = {
    # decisions, contexts, categories, verdicts
    "decision.allowed": ("allowed", "permitida", "permitida", "autorisée"),
    "decision.review": ("needs review", "requiere revisión", "requer revisão", "à examiner"),
    "decision.denied": ("denied", "prohibida", "proibida", "interdite"),
    "decision.incompatible": ("incompatible", "incompatible", "incompatível", "incompatible"),
    "context.internal": ("internal use", "uso interno", "uso interno", "usage interne"),
    "context.network": ("network service", "servicio en red", "serviço em rede", "service en réseau"),
    "context.distributed": ("distribution", "distribución", "distribuição", "distribution"),
    "context.published": ("publication as open source", "publicación como código abierto",
                          "publicação como código aberto", "publication en open source"),
    "category.permissive": ("permissive", "permisiva", "permissiva", "permissive"),
    "category.weak-copyleft": ("weak copyleft", "copyleft débil", "copyleft fraco", "copyleft faible"),
    "category.strong-copyleft": ("strong copyleft", "copyleft fuerte", "copyleft forte", "copyleft fort"),
    "category.network-copyleft": ("network copyleft", "copyleft de red", "copyleft de rede", "copyleft réseau"),
    "category.public-domain": ("public domain", "dominio público", "domínio público", "domaine public"),
    "category.source-available": ("source-available (not open source)", "código disponible (no abierto)",
                                  "código disponível (não aberto)", "source disponible (non libre)"),
    "category.proprietary": ("proprietary", "privativa", "proprietária", "propriétaire"),
    "category.unknown": ("unknown", "desconocida", "desconhecida", "inconnue"),
    "verdict.compatible": ("compatible", "compatible", "compatível", "compatible"),
    "verdict.conditional": ("compatible under conditions", "compatible con condiciones", "compatível com condições",
                            "compatible sous conditions"),
    "verdict.incompatible": ("incompatible", "incompatible", "incompatível", "incompatible"),
    "verdict.unknown": ("unknown", "desconocida", "desconhecida", "inconnue"),
    "verdict.not-applicable": ("not applicable", "no aplica", "não se aplica", "sans objet"),
    # explanations
    "why.headline": ("{package} ({license}): {decision} — {context}.",
                     "{package} ({license}): {decision} — {context}.",
                     "{package} ({license}): {decision} — {context}.",
                     "{package} ({license}) : {decision} — {context}."),
    "why.not-in-db": ("not in the license database", "no está en la base de licencias",
                      "não está na base de licenças", "absente de la base de licences"),
    "why.no-license": ("{package} declares no license.", "{package} no declara ninguna licencia.",
                       "{package} não declara nenhuma licença.", "{package} ne déclare aucune licence."),
    "why.via": ("It comes in through the direct dependency {direct}: {path}.",
                "Llega a través de la dependencia directa {direct}: {path}.",
                "Chega pela dependência direta {direct}: {path}.",
                "Elle arrive par la dépendance directe {direct} : {path}."),
    "why.direct": ("It is a direct dependency of the project.", "Es una dependencia directa del proyecto.",
                   "É uma dependência direta do projeto.", "C'est une dépendance directe du projet."),
    "why.chosen": ("Of {expression}, the branch {chosen} was chosen (the most acceptable one).",
                   "De {expression}, se eligió la opción {chosen} (la más aceptable).",
                   "De {expression}, foi escolhida a opção {chosen} (a mais aceitável).",
                   "Parmi {expression}, l'option {chosen} a été retenue (la plus acceptable)."),
    "why.rule": ("{license} is {category} ({source}); policy rule {rule}: {decision}.",
                 "{license} es {category} ({source}); regla de la política {rule}: {decision}.",
                 "{license} é {category} ({source}); regra da política {rule}: {decision}.",
                 "{license} est {category} ({source}) ; règle de la politique {rule} : {decision}."),
    "why.compat": ("{inbound} in a work under {outbound}: {verdict}. {reason} (source: {source})",
                   "{inbound} en una obra bajo {outbound}: {verdict}. {reason} (fuente: {source})",
                   "{inbound} em uma obra sob {outbound}: {verdict}. {reason} (fonte: {source})",
                   "{inbound} dans une œuvre sous {outbound} : {verdict}. {reason} (source : {source})"),
    "why.waived": ("Waived by {owner} ({scope}) until {expires}: {justification}",
                   "Exención concedida por {owner} ({scope}) hasta {expires}: {justification}",
                   "Exceção concedida por {owner} ({scope}) até {expires}: {justification}",
                   "Dérogation accordée par {owner} ({scope}) jusqu'au {expires} : {justification}"),
    "why.waiver-expired": ("A waiver by {owner} expired on {expires} and no longer applies.",
                           "Una exención de {owner} venció el {expires} y ya no se aplica.",
                           "Uma exceção de {owner} expirou em {expires} e não se aplica mais.",
                           "Une dérogation de {owner} a expiré le {expires} et ne s'applique plus."),
    # notes from normalisation
    "note.alias": ("The declared text \"{text}\" was read as {id}.",
                   "El texto declarado \"{text}\" se leyó como {id}.",
                   "O texto declarado \"{text}\" foi lido como {id}.",
                   "Le texte déclaré « {text} » a été lu comme {id}."),
    "note.ambiguous-bsd": ("\"{text}\" does not say which BSD license (2-, 3- or 4-clause); kept as {ref}.",
                           "\"{text}\" no dice qué licencia BSD (2, 3 o 4 cláusulas); se conserva como {ref}.",
                           "\"{text}\" não diz qual licença BSD (2, 3 ou 4 cláusulas); mantida como {ref}.",
                           "« {text} » ne dit pas quelle licence BSD (2, 3 ou 4 clauses) ; conservé comme {ref}."),
    "note.ambiguous-apache": ("\"{text}\" does not give the Apache license version; kept as {ref}.",
                              "\"{text}\" no indica la versión de la licencia Apache; se conserva como {ref}.",
                              "\"{text}\" não indica a versão da licença Apache; mantida como {ref}.",
                              "« {text} » n'indique pas la version de la licence Apache ; conservé comme {ref}."),
    "note.ambiguous-version": ("\"{text}\" does not give a version; kept as {ref}.",
                               "\"{text}\" no indica una versión; se conserva como {ref}.",
                               "\"{text}\" não indica uma versão; mantida como {ref}.",
                               "« {text} » n'indique pas de version ; conservé comme {ref}."),
    "note.only-assumed": ("\"{text}\" does not say \"or later\"; read as {id}.",
                          "\"{text}\" no dice \"o posterior\"; se lee como {id}.",
                          "\"{text}\" não diz \"ou posterior\"; lido como {id}.",
                          "« {text} » ne dit pas « ou ultérieure » ; lu comme {id}."),
    "note.unknown-license": ("\"{text}\" is not a known license; kept as {ref} (SHA-256 {hash}).",
                             "\"{text}\" no es una licencia conocida; se conserva como {ref} (SHA-256 {hash}).",
                             "\"{text}\" não é uma licença conhecida; mantida como {ref} (SHA-256 {hash}).",
                             "« {text} » n'est pas une licence connue ; conservé comme {ref} (SHA-256 {hash})."),
    "note.too-long": ("The declared license is a long text, not an identifier; kept as {ref}.",
                      "La licencia declarada es un texto largo, no un identificador; se conserva como {ref}.",
                      "A licença declarada é um texto longo, não um identificador; mantida como {ref}.",
                      "La licence déclarée est un long texte, pas un identifiant ; conservé comme {ref}."),
    "note.mixed": ("\"{text}\" mixes \"and\" and \"or\" without parentheses; kept as {ref}.",
                   "\"{text}\" mezcla \"y\" y \"o\" sin paréntesis; se conserva como {ref}.",
                   "\"{text}\" mistura \"e\" e \"ou\" sem parênteses; mantida como {ref}.",
                   "« {text} » mélange « et » et « ou » sans parenthèses ; conservé comme {ref}."),
    "note.list-read-as-and": ("\"{text}\" lists licenses without AND/OR; read as AND (all apply).",
                              "\"{text}\" enumera licencias sin AND/OR; se lee como AND (todas aplican).",
                              "\"{text}\" lista licenças sem AND/OR; lido como AND (todas se aplicam).",
                              "« {text} » énumère des licences sans AND/OR ; lu comme AND (toutes s'appliquent)."),
    # what to do
    "todo.identify": ("What to do: find the package's actual license (its LICENSE file or registry page), declare "
                      "it as an SPDX identifier, or ask the OSPO to review it.",
                      "Qué hacer: busque la licencia real del paquete (su archivo LICENSE o su página en el "
                      "registro), declárela con un identificador SPDX o pida a la OSPO que la revise.",
                      "O que fazer: encontre a licença real do pacote (seu arquivo LICENSE ou sua página no "
                      "registro), declare-a com um identificador SPDX ou peça à OSPO que a revise.",
                      "Que faire : trouvez la licence réelle du paquet (son fichier LICENSE ou sa page sur le "
                      "registre), déclarez-la par un identifiant SPDX ou demandez à l'OSPO de l'examiner."),
    "todo.denied": ("What to do: replace this dependency with one under an allowed license, or ask the OSPO "
                    "for a waiver.",
                    "Qué hacer: reemplace esta dependencia por una con licencia permitida o pida una exención "
                    "a la OSPO.",
                    "O que fazer: substitua esta dependência por uma com licença permitida ou peça uma exceção "
                    "à OSPO.",
                    "Que faire : remplacez cette dépendance par une autre sous licence autorisée, ou demandez "
                    "une dérogation à l'OSPO."),
    "todo.incompatible": ("What to do: replace this dependency, choose an outbound license it is compatible "
                          "with, or ask the OSPO for a waiver.",
                          "Qué hacer: reemplace esta dependencia, elija una licencia de salida compatible con "
                          "ella o pida una exención a la OSPO.",
                          "O que fazer: substitua esta dependência, escolha uma licença de saída compatível com "
                          "ela ou peça uma exceção à OSPO.",
                          "Que faire : remplacez cette dépendance, choisissez une licence sortante compatible "
                          "avec elle, ou demandez une dérogation à l'OSPO."),
    "todo.review": ("What to do: ask the OSPO to review this license for this use.",
                    "Qué hacer: pida a la OSPO que revise esta licencia para este uso.",
                    "O que fazer: peça à OSPO que revise esta licença para este uso.",
                    "Que faire : demandez à l'OSPO d'examiner cette licence pour cet usage."),
    "todo.obligation": ("What to do: meet the condition above; it is allowed on that condition.",
                        "Qué hacer: cumpla la condición indicada; se permite con esa condición.",
                        "O que fazer: cumpra a condição acima; é permitido com essa condição.",
                        "Que faire : respectez la condition ci-dessus ; l'usage est autorisé à cette condition."),
    # dependency scope (--scope)
    "scope.runtime": ("runtime", "de ejecución", "de execução", "d'exécution"),
    "scope.optional": ("optional", "opcional", "opcional", "optionnelle"),
    "scope.development": ("development", "de desarrollo", "de desenvolvimento", "de développement"),
    "scope.test": ("test", "de pruebas", "de teste", "de test"),
    "why.build-scope": ("This is a {scope} dependency: it builds or tests the software and is not handed over, so "
                        "it is judged as {context} (use --scope all to judge it like the others).",
                        "Es una dependencia {scope}: construye o prueba el software y no se entrega, así que se "
                        "evalúa como {context} (use --scope all para evaluarla como las demás).",
                        "É uma dependência {scope}: constrói ou testa o software e não é entregue, então é "
                        "avaliada como {context} (use --scope all para avaliá-la como as demais).",
                        "C'est une dépendance {scope} : elle construit ou teste le logiciel et n'est pas remise, "
                        "elle est donc jugée comme {context} (utilisez --scope all pour la juger comme les autres)."),
    # the repository's own license
    "repo.declared": ("The project declares {license} (in {files}).", "El proyecto declara {license} (en {files}).",
                      "O projeto declara {license} (em {files}).", "Le projet déclare {license} (dans {files})."),
    "repo.outbound.option": ("Outbound license (given on the command line): {outbound}.",
                             "Licencia de salida (indicada en la línea de órdenes): {outbound}.",
                             "Licença de saída (indicada na linha de comando): {outbound}.",
                             "Licence sortante (donnée en ligne de commande) : {outbound}."),
    "repo.outbound.declared": ("Outbound license (declared by the project): {outbound}.",
                               "Licencia de salida (declarada por el proyecto): {outbound}.",
                               "Licença de saída (declarada pelo projeto): {outbound}.",
                               "Licence sortante (déclarée par le projet) : {outbound}."),
    "repo.outbound.policy": ("Outbound license not declared yet; dependencies must fit one of the policy's: "
                             "{outbound}.",
                             "Licencia de salida aún no declarada; las dependencias deben encajar con una de las "
                             "de la política: {outbound}.",
                             "Licença de saída ainda não declarada; as dependências devem caber em uma das da "
                             "política: {outbound}.",
                             "Licence sortante pas encore déclarée ; les dépendances doivent convenir à l'une de "
                             "celles de la politique : {outbound}."),
    "repo.none": ("The project declares no license; to publish it, declare one of: {allowed}.",
                  "El proyecto no declara licencia; para publicarlo, declare una de: {allowed}.",
                  "O projeto não declara licença; para publicá-lo, declare uma de: {allowed}.",
                  "Le projet ne déclare aucune licence ; pour le publier, déclarez l'une de : {allowed}."),
    "repo.not-outbound": ("The project declares {license}, which is not one of the policy's outbound licenses "
                          "({allowed}); ask the OSPO.",
                          "El proyecto declara {license}, que no es una de las licencias de salida de la "
                          "política ({allowed}); consulte a la OSPO.",
                          "O projeto declara {license}, que não é uma das licenças de saída da política "
                          "({allowed}); consulte a OSPO.",
                          "Le projet déclare {license}, qui n'est pas une licence sortante de la politique "
                          "({allowed}) ; consultez l'OSPO."),
    "repo.disagree": ("The project's files declare different licenses: {found}. Make them agree.",
                      "Los archivos del proyecto declaran licencias distintas: {found}. Unifíquelas.",
                      "Os arquivos do projeto declaram licenças diferentes: {found}. Unifique-as.",
                      "Les fichiers du projet déclarent des licences différentes : {found}. Harmonisez-les."),
    # compatibility reasons
    "compat.no-distribution": ("Nothing is handed over in this use, so distribution terms do not apply.",
                               "En este uso no se entrega nada, así que las condiciones de distribución no aplican.",
                               "Neste uso nada é entregue, então as condições de distribuição não se aplicam.",
                               "Rien n'est remis dans cet usage : les conditions de distribution ne s'appliquent "
                               "pas."),
    "compat.same-license": ("Same license on both sides.", "Misma licencia en ambos lados.",
                            "Mesma licença dos dois lados.", "Même licence des deux côtés."),
    "compat.network-source": ("Users of the service must be offered its complete source code under this license.",
                              "Debe ofrecerse a los usuarios del servicio su código fuente completo bajo esta "
                              "licencia.",
                              "Deve-se oferecer aos usuários do serviço seu código-fonte completo sob esta licença.",
                              "Les utilisateurs du service doivent se voir offrir son code source complet sous "
                              "cette licence."),
    "compat.apache-gpl2": ("Apache-2.0's patent and indemnity terms are further restrictions that GPL-2.0 forbids.",
                           "Las cláusulas de patentes e indemnización de Apache-2.0 son restricciones adicionales "
                           "que la GPL-2.0 prohíbe.",
                           "As cláusulas de patentes e indenização da Apache-2.0 são restrições adicionais que a "
                           "GPL-2.0 proíbe.",
                           "Les clauses de brevets et d'indemnisation d'Apache-2.0 sont des restrictions "
                           "supplémentaires que la GPL-2.0 interdit."),
    "compat.gpl-upgrade": ("The combined work can be distributed under the outbound license.",
                           "La obra combinada puede distribuirse bajo la licencia de salida.",
                           "A obra combinada pode ser distribuída sob a licença de saída.",
                           "L'œuvre combinée peut être distribuée sous la licence sortante."),
    "compat.same-family": ("\"Or later\" includes this version: the combined work can use the outbound license.",
                           "\"O posterior\" incluye esta versión: la obra combinada puede usar la licencia de salida.",
                           "\"Ou posterior\" inclui esta versão: a obra combinada pode usar a licença de saída.",
                           "« Ou ultérieure » inclut cette version : l'œuvre combinée peut utiliser la licence "
                           "sortante."),
    "compat.version-narrows": ("Allowed, but the combined work can then only be distributed under this exact "
                               "version, not \"or later\".",
                               "Permitido, pero la obra combinada solo podrá distribuirse bajo esta versión exacta, "
                               "no \"o posterior\".",
                               "Permitido, mas a obra combinada só poderá ser distribuída sob esta versão exata, "
                               "não \"ou posterior\".",
                               "Autorisé, mais l'œuvre combinée ne pourra être distribuée que sous cette version "
                               "exacte, pas « ou ultérieure »."),
    "compat.gpl-version": ("These GPL versions cannot be combined: neither allows the other's terms.",
                           "Estas versiones de la GPL no pueden combinarse: ninguna admite los términos de la otra.",
                           "Estas versões da GPL não podem ser combinadas: nenhuma admite os termos da outra.",
                           "Ces versions de la GPL ne peuvent pas être combinées : aucune n'admet les termes de "
                           "l'autre."),
    "compat.gpl3-into-gpl2plus": ("Allowed, but the combined work can then only be distributed under GPL-3.0.",
                                  "Permitido, pero la obra combinada solo podrá distribuirse bajo GPL-3.0.",
                                  "Permitido, mas a obra combinada só poderá ser distribuída sob GPL-3.0.",
                                  "Autorisé, mais l'œuvre combinée ne pourra être distribuée que sous GPL-3.0."),
    "compat.gpl-agpl": ("GPL-3.0 and AGPL-3.0 may be combined (section 13); the AGPL part keeps its network clause.",
                        "GPL-3.0 y AGPL-3.0 pueden combinarse (sección 13); la parte AGPL conserva su cláusula de "
                        "red.",
                        "GPL-3.0 e AGPL-3.0 podem ser combinadas (seção 13); a parte AGPL mantém sua cláusula de "
                        "rede.",
                        "GPL-3.0 et AGPL-3.0 peuvent être combinées (section 13) ; la partie AGPL garde sa clause "
                        "réseau."),
    "compat.lgpl-into-gpl": ("LGPL code may be used under the GPL.", "El código LGPL puede usarse bajo la GPL.",
                             "O código LGPL pode ser usado sob a GPL.", "Le code LGPL peut être utilisé sous la GPL."),
    "compat.mpl-exhibit-b": ("This MPL-2.0 code is marked \"Incompatible With Secondary Licenses\" (Exhibit B).",
                             "Este código MPL-2.0 está marcado \"Incompatible With Secondary Licenses\" (anexo B).",
                             "Este código MPL-2.0 está marcado \"Incompatible With Secondary Licenses\" (anexo B).",
                             "Ce code MPL-2.0 est marqué « Incompatible With Secondary Licenses » (annexe B)."),
    "compat.mpl-secondary": ("MPL-2.0 lets the combination be distributed under the GNU license (Secondary "
                             "License); keep the MPL notices.",
                             "La MPL-2.0 permite distribuir la combinación bajo la licencia GNU (licencia "
                             "secundaria); conserve los avisos MPL.",
                             "A MPL-2.0 permite distribuir a combinação sob a licença GNU (licença secundária); "
                             "mantenha os avisos MPL.",
                             "La MPL-2.0 permet de distribuer la combinaison sous la licence GNU (licence "
                             "secondaire) ; conservez les mentions MPL."),
    "compat.mpl-file": ("MPL files stay under MPL and their source must be available; the rest may use any license.",
                        "Los archivos MPL siguen bajo MPL y su código debe estar disponible; el resto puede usar "
                        "cualquier licencia.",
                        "Os arquivos MPL continuam sob MPL e seu código deve estar disponível; o resto pode usar "
                        "qualquer licença.",
                        "Les fichiers MPL restent sous MPL et leur source doit être disponible ; le reste peut "
                        "utiliser toute licence."),
    "compat.gpl-incompatible-terms": ("This license has terms the GNU licenses do not accept.",
                                      "Esta licencia tiene cláusulas que las licencias GNU no aceptan.",
                                      "Esta licença tem cláusulas que as licenças GNU não aceitam.",
                                      "Cette licence a des clauses que les licences GNU n'acceptent pas."),
    "compat.eupl-list": ("EUPL-1.2 (article 5) lets the combined work be distributed under this compatible "
                         "licence.",
                         "La EUPL-1.2 (artículo 5) permite distribuir la obra combinada bajo esta licencia "
                         "compatible.",
                         "A EUPL-1.2 (artigo 5) permite distribuir a obra combinada sob esta licença compatível.",
                         "L'EUPL-1.2 (article 5) permet de distribuer l'œuvre combinée sous cette licence "
                         "compatible."),
    "compat.copyleft-into-other": ("Copyleft: a work that includes this code must be distributed under the same "
                                   "license, not under the outbound one.",
                                   "Copyleft: una obra que incluye este código debe distribuirse bajo la misma "
                                   "licencia, no bajo la de salida.",
                                   "Copyleft: uma obra que inclui este código deve ser distribuída sob a mesma "
                                   "licença, não sob a de saída.",
                                   "Copyleft : une œuvre qui inclut ce code doit être distribuée sous la même "
                                   "licence, pas sous la licence sortante."),
    "compat.permissive": ("Permissive: keep its copyright and license notices.",
                          "Permisiva: conserve sus avisos de copyright y licencia.",
                          "Permissiva: mantenha seus avisos de copyright e licença.",
                          "Permissive : conservez ses mentions de droit d'auteur et de licence."),
    "compat.weak-linking": ("Weak copyleft: use it as a separate, replaceable library (e.g. dynamic linking), "
                            "keep it under its license and offer its source.",
                            "Copyleft débil: úsela como biblioteca separada y reemplazable (p. ej. enlace "
                            "dinámico), manténgala bajo su licencia y ofrezca su código.",
                            "Copyleft fraco: use-a como biblioteca separada e substituível (ex.: ligação "
                            "dinâmica), mantenha-a sob sua licença e ofereça seu código.",
                            "Copyleft faible : utilisez-la comme bibliothèque séparée et remplaçable (p. ex. "
                            "liaison dynamique), gardez-la sous sa licence et offrez sa source."),
    "compat.not-open": ("Not an open-source license: it cannot be redistributed under an open-source license.",
                        "No es una licencia de código abierto: no puede redistribuirse bajo una licencia abierta.",
                        "Não é uma licença de código aberto: não pode ser redistribuída sob uma licença aberta.",
                        "Ce n'est pas une licence open source : elle ne peut pas être redistribuée sous une "
                        "licence libre."),
    "compat.unknown": ("No rule covers this pair of licenses.", "Ninguna regla cubre este par de licencias.",
                       "Nenhuma regra cobre este par de licenças.", "Aucune règle ne couvre cette paire de licences."),
    # policy file problems
    "policy.error": ("{source}: the policy cannot be used:", "{source}: la política no puede usarse:",
                     "{source}: a política não pode ser usada:", "{source} : la politique est inutilisable :"),
    "policy.at": ("{path} (line {line}): {message}", "{path} (línea {line}): {message}",
                  "{path} (linha {line}): {message}", "{path} (ligne {line}) : {message}"),
    "policy.not-mapping": ("expected keys and values here", "se esperaban claves y valores aquí",
                           "esperavam-se chaves e valores aqui", "clés et valeurs attendues ici"),
    "policy.unknown-key": ("unknown key \"{name}\" (expected one of: {expected})",
                           "clave desconocida \"{name}\" (se esperaba una de: {expected})",
                           "chave desconhecida \"{name}\" (esperava-se uma de: {expected})",
                           "clé inconnue « {name} » (attendu l'une de : {expected})"),
    "policy.not-list": ("expected a list", "se esperaba una lista", "esperava-se uma lista", "liste attendue"),
    "policy.not-string": ("expected a text", "se esperaba un texto", "esperava-se um texto", "texte attendu"),
    "policy.unknown-license": ("\"{value}\" is neither a category nor a known SPDX license identifier",
                               "\"{value}\" no es ni una categoría ni un identificador SPDX conocido",
                               "\"{value}\" não é nem uma categoria nem um identificador SPDX conhecido",
                               "« {value} » n'est ni une catégorie ni un identifiant SPDX connu"),
    "policy.bad-value": ("\"{value}\" is not allowed here (expected one of: {expected})",
                         "\"{value}\" no se admite aquí (se esperaba uno de: {expected})",
                         "\"{value}\" não é permitido aqui (esperava-se um de: {expected})",
                         "« {value} » n'est pas admis ici (attendu l'un de : {expected})"),
    "policy.missing": ("\"{name}\" is required", "\"{name}\" es obligatorio", "\"{name}\" é obrigatório",
                       "« {name} » est obligatoire"),
    "policy.bad-date": ("\"{value}\" is not a date (YYYY-MM-DD)", "\"{value}\" no es una fecha (AAAA-MM-DD)",
                        "\"{value}\" não é uma data (AAAA-MM-DD)", "« {value} » n'est pas une date (AAAA-MM-JJ)"),
    "policy.unreadable": ("cannot read the policy: {reason}", "no se puede leer la política: {reason}",
                          "não é possível ler a política: {reason}", "impossible de lire la politique : {reason}"),
    # reports
    "report.header": ("{name}: {count} components checked for {context}.",
                      "{name}: {count} componentes verificados para {context}.",
                      "{name}: {count} componentes verificados para {context}.",
                      "{name} : {count} composants vérifiés pour {context}."),
    "report.summary": ("{allowed} allowed, {review} need review, {denied} denied, {incompatible} incompatible.",
                       "{allowed} permitidas, {review} requieren revisión, {denied} prohibidas, {incompatible} "
                       "incompatibles.",
                       "{allowed} permitidas, {review} requerem revisão, {denied} proibidas, {incompatible} "
                       "incompatíveis.",
                       "{allowed} autorisées, {review} à examiner, {denied} interdites, {incompatible} "
                       "incompatibles."),
    "report.issues": ("{count} file(s) could not be read completely; run `ospo scan` for details.",
                      "{count} archivo(s) no pudieron leerse por completo; ejecute `ospo scan` para más detalles.",
                      "{count} arquivo(s) não puderam ser lidos por completo; execute `ospo scan` para detalhes.",
                      "{count} fichier(s) n'ont pas pu être lus entièrement ; lancez `ospo scan` pour le détail."),
    "report.columns": ("decision|package|license|through|rule", "decisión|paquete|licencia|a través de|regla",
                       "decisão|pacote|licença|por meio de|regra", "décision|paquet|licence|via|règle"),
    "rule.denied": ("License denied by policy", "Licencia prohibida por la política", "Licença proibida pela política",
                    "Licence interdite par la politique"),
    "rule.incompatible": ("License incompatible with the outbound license",
                          "Licencia incompatible con la licencia de salida",
                          "Licença incompatível com a licença de saída",
                          "Licence incompatible avec la licence sortante"),
    "rule.declared": ("Repository license evidence to check", "Indicios de licencia del repositorio a revisar",
                      "Indícios de licença do repositório a verificar",
                      "Éléments de licence du dépôt à vérifier"),
    "rule.review": ("License needs review", "La licencia requiere revisión", "A licença requer revisão",
                    "Licence à examiner"),
    "rule.obligation": ("License allowed under a condition", "Licencia permitida con una condición",
                        "Licença permitida com uma condição", "Licence autorisée sous condition"),
    "rule.waiver-expired": ("Expired license waiver", "Exención de licencia vencida", "Exceção de licença expirada",
                            "Dérogation de licence expirée"),
    "rule.repository": ("Project license needs attention", "La licencia del proyecto requiere atención",
                        "A licença do projeto requer atenção", "La licence du projet demande attention"),
}

CATALOG = Catalog({key: dict(zip(LANGUAGES, row, strict=True)) for key, row in _ROWS.items()})
