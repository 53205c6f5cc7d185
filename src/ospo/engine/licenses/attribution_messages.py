"""Messages of the declared-license reading, the dependency-license enrichment and ``ospo notice``.

One row per message: (English, Spanish, Brazilian Portuguese, French), kept together so that a missing or
stale translation shows in review; the tests assert ``CATALOG.missing() == []``. Kept apart from
``messages.py`` (the policy check's catalog, another owner) so the two areas can change independently.
"""

from __future__ import annotations

from ospo.engine.i18n import LANGUAGES, Catalog

_ROWS: dict[str, tuple[str, str, str, str]] = {
    # --- declared license findings ---------------------------------------------------------------------------
    "declared.disagree": (
        "{path} declares {theirs}, but {other} says {ours}.",
        "{path} declara {theirs}, pero {other} indica {ours}.",
        "{path} declara {theirs}, mas {other} indica {ours}.",
        "{path} déclare {theirs}, mais {other} indique {ours}."),
    "declared.or-later": (
        "{path} declares {theirs} (\"or later\"), but the license text in {other} carries no \"or any later "
        "version\" notice, which reads as {ours}. Add the notice to the file or correct the metadata.",
        "{path} declara {theirs} (\"o posterior\"), pero el texto de licencia en {other} no trae el aviso "
        "\"o cualquier versión posterior\", y se lee como {ours}. Añada el aviso o corrija los metadatos.",
        "{path} declara {theirs} (\"ou posterior\"), mas o texto da licença em {other} não traz o aviso "
        "\"ou qualquer versão posterior\", e se lê como {ours}. Acrescente o aviso ou corrija os metadados.",
        "{path} déclare {theirs} (« ou ultérieure »), mais le texte de licence de {other} ne porte pas la "
        "mention « ou toute version ultérieure » et se lit {ours}. Ajoutez la mention ou corrigez les "
        "métadonnées."),
    "declared.not-spdx": (
        "{path} writes the license as \"{text}\", which is not an SPDX expression; it reads as {expression}.",
        "{path} escribe la licencia como \"{text}\", que no es una expresión SPDX; se lee como {expression}.",
        "{path} escreve a licença como \"{text}\", que não é uma expressão SPDX; lê-se como {expression}.",
        "{path} écrit la licence « {text} », qui n'est pas une expression SPDX ; elle se lit {expression}."),
    "declared.template": (
        "{path} is an unfilled license template ({placeholder}): the copyright holder and year are missing.",
        "{path} es una plantilla de licencia sin completar ({placeholder}): faltan el titular y el año.",
        "{path} é um modelo de licença não preenchido ({placeholder}): faltam o titular e o ano.",
        "{path} est un modèle de licence non rempli ({placeholder}) : le titulaire et l'année manquent."),
    "declared.custom": (
        "{path} holds a license text that matches no SPDX license; it is kept as {ref}.",
        "{path} contiene un texto de licencia que no coincide con ninguna licencia SPDX; se conserva como {ref}.",
        "{path} contém um texto de licença que não corresponde a nenhuma licença SPDX; mantido como {ref}.",
        "{path} contient un texte de licence qui ne correspond à aucune licence SPDX ; conservé comme {ref}."),
    "declared.extra-text": (
        "{path} adds text to the license (lines {lines}); read it: it may change the terms.",
        "{path} añade texto a la licencia (líneas {lines}); léalo: puede cambiar los términos.",
        "{path} acrescenta texto à licença (linhas {lines}); leia-o: pode mudar os termos.",
        "{path} ajoute du texte à la licence (lignes {lines}) ; lisez-le : il peut changer les termes."),
    "declared.none": (
        "The repository declares no license: without one, nobody may reuse the code.",
        "El repositorio no declara ninguna licencia: sin ella, nadie puede reutilizar el código.",
        "O repositório não declara nenhuma licença: sem ela, ninguém pode reutilizar o código.",
        "Le dépôt ne déclare aucune licence : sans licence, personne ne peut réutiliser le code."),
    "declared.missing-file": (
        "{path} refers to {target}, which is not in the repository.",
        "{path} remite a {target}, que no está en el repositorio.",
        "{path} remete a {target}, que não está no repositório.",
        "{path} renvoie à {target}, absent du dépôt."),
    "declared.unreadable": (
        "{path} could not be read: {error}",
        "No se pudo leer {path}: {error}",
        "Não foi possível ler {path}: {error}",
        "Impossible de lire {path} : {error}"),
    "declared.reuse-missing-text": (
        "{path} uses {license}, but LICENSES/ has no text for it.",
        "{path} usa {license}, pero LICENSES/ no tiene su texto.",
        "{path} usa {license}, mas LICENSES/ não tem o texto.",
        "{path} utilise {license}, mais LICENSES/ n'en contient pas le texte."),
    "declared.reuse-other": (
        "LICENSES/ also holds {licenses}: some files are under other licenses than the declared one.",
        "LICENSES/ también contiene {licenses}: algunos archivos tienen otras licencias que la declarada.",
        "LICENSES/ também contém {licenses}: alguns arquivos têm outras licenças além da declarada.",
        "LICENSES/ contient aussi {licenses} : certains fichiers sont sous d'autres licences que celle déclarée."),
    # --- dependency licenses ---------------------------------------------------------------------------------
    "enrich.registry-error": (
        "{registry}: no license for {package}: {error}",
        "{registry}: sin licencia para {package}: {error}",
        "{registry}: sem licença para {package}: {error}",
        "{registry} : pas de licence pour {package} : {error}"),
    # --- NOTICE ----------------------------------------------------------------------------------------------
    "notice.title": ("Third-party notices for {name}", "Avisos de terceros de {name}",
                     "Avisos de terceiros de {name}", "Mentions de tiers pour {name}"),
    "notice.intro": (
        "This software includes the components listed below, each under its own license. The full text of "
        "every license follows the list of components it covers.",
        "Este software incluye los componentes listados a continuación, cada uno con su propia licencia. El "
        "texto completo de cada licencia sigue a la lista de componentes que cubre.",
        "Este software inclui os componentes listados abaixo, cada um com sua própria licença. O texto "
        "completo de cada licença segue a lista de componentes que ela cobre.",
        "Ce logiciel inclut les composants ci-dessous, chacun sous sa propre licence. Le texte complet de "
        "chaque licence suit la liste des composants qu'elle couvre."),
    "notice.license": ("License: {expression}", "Licencia: {expression}", "Licença: {expression}",
                       "Licence : {expression}"),
    "notice.components": ("{count} component(s)", "{count} componente(s)", "{count} componente(s)",
                          "{count} composant(s)"),
    "notice.text-of": ("Text of {license}", "Texto de {license}", "Texto de {license}", "Texte de {license}"),
    "notice.no-text": (
        "The text of {license} is not in the installed license data; see https://spdx.org/licenses/{license}.html",
        "El texto de {license} no está en los datos de licencias instalados; véase "
        "https://spdx.org/licenses/{license}.html",
        "O texto de {license} não está nos dados de licenças instalados; veja "
        "https://spdx.org/licenses/{license}.html",
        "Le texte de {license} ne figure pas dans les données de licences installées ; voir "
        "https://spdx.org/licenses/{license}.html"),
    "notice.ref-text": (
        "{license} is not an SPDX license; the words declared by the component were:",
        "{license} no es una licencia SPDX; las palabras declaradas por el componente eran:",
        "{license} não é uma licença SPDX; as palavras declaradas pelo componente eram:",
        "{license} n'est pas une licence SPDX ; le composant déclarait :"),
    "notice.unknown": ("Components whose license is unknown", "Componentes cuya licencia se desconoce",
                       "Componentes cuja licença é desconhecida", "Composants dont la licence est inconnue"),
    "notice.unknown-intro": (
        "No license was found for these components (not in the lockfile, the cache or the registry). "
        "Find out before distributing.",
        "No se encontró licencia para estos componentes (ni en el lockfile, ni en la caché, ni en el "
        "registro). Averígüela antes de distribuir.",
        "Nenhuma licença foi encontrada para estes componentes (nem no lockfile, nem no cache, nem no "
        "registro). Verifique antes de distribuir.",
        "Aucune licence n'a été trouvée pour ces composants (ni dans le fichier de verrouillage, ni dans le "
        "cache, ni dans le registre). Vérifiez avant de distribuer."),
    "notice.none": ("No third-party components were found.", "No se encontraron componentes de terceros.",
                    "Nenhum componente de terceiros foi encontrado.", "Aucun composant tiers n'a été trouvé."),
}

CATALOG = Catalog({key: dict(zip(LANGUAGES, row, strict=True)) for key, row in _ROWS.items()})
