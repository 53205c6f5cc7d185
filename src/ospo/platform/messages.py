"""Messages the platform commands print, in the four languages (the engine's Catalog, kept together)."""

from __future__ import annotations

from ospo.engine.i18n import Catalog, language_from_env

CATALOG = Catalog({
    "admin.created": {
        "en": "Administrator account created — user: {user}  password: {password}",
        "es": "Cuenta de administración creada — usuario: {user}  contraseña: {password}",
        "pt-BR": "Conta de administração criada — usuário: {user}  senha: {password}",
        "fr": "Compte administrateur créé — utilisateur : {user}  mot de passe : {password}",
    },
    "admin.exists": {
        "en": "Administrator account — user: {user}  password: {password}",
        "es": "Cuenta de administración — usuario: {user}  contraseña: {password}",
        "pt-BR": "Conta de administração — usuário: {user}  senha: {password}",
        "fr": "Compte administrateur — utilisateur : {user}  mot de passe : {password}",
    },
    "admin.changed": {
        "en": "Administrator account {user} exists; its password was changed and is not shown.",
        "es": "La cuenta de administración {user} existe; su contraseña fue cambiada y no se muestra.",
        "pt-BR": "A conta de administração {user} existe; a senha foi alterada e não é exibida.",
        "fr": "Le compte administrateur {user} existe ; son mot de passe a été changé et n'est pas affiché.",
    },
    "demo.generated": {
        "en": "Demo repositories ready in {path} ({count})",
        "es": "Repositorios de demostración listos en {path} ({count})",
        "pt-BR": "Repositórios de demonstração prontos em {path} ({count})",
        "fr": "Dépôts de démonstration prêts dans {path} ({count})",
    },
    "demo.no_fixtures": {
        "en": "Test fixtures not found ({path}): only the project itself is registered.",
        "es": "No se encontraron los datos de prueba ({path}): solo se registra el propio proyecto.",
        "pt-BR": "Dados de teste não encontrados ({path}): apenas o próprio projeto é registrado.",
        "fr": "Données de test introuvables ({path}) : seul le projet lui-même est enregistré.",
    },
    "demo.discovery_failed": {
        "en": "Source {source} could not be listed: {error}",
        "es": "No se pudo listar la fuente {source}: {error}",
        "pt-BR": "Não foi possível listar a fonte {source}: {error}",
        "fr": "La source {source} n'a pas pu être listée : {error}",
    },
    "demo.scanning": {
        "en": "Scanning {count} repositories with {workers} workers…",
        "es": "Analizando {count} repositorios con {workers} procesos…",
        "pt-BR": "Analisando {count} repositórios com {workers} processos…",
        "fr": "Analyse de {count} dépôts avec {workers} processus…",
    },
    "demo.scanned": {
        "en": "Scans: {succeeded} succeeded, {failed} failed; {components} components, {usages} usages "
              "({seconds:.1f} s)",
        "es": "Análisis: {succeeded} correctos, {failed} fallidos; {components} componentes, {usages} usos "
              "({seconds:.1f} s)",
        "pt-BR": "Análises: {succeeded} concluídas, {failed} com falha; {components} componentes, {usages} usos "
                 "({seconds:.1f} s)",
        "fr": "Analyses : {succeeded} réussies, {failed} en échec ; {components} composants, {usages} usages "
              "({seconds:.1f} s)",
    },
    "demo.timeout": {
        "en": "Scans still running after {seconds} s; the server will finish them.",
        "es": "Quedan análisis en curso tras {seconds} s; el servidor los terminará.",
        "pt-BR": "Ainda há análises em andamento após {seconds} s; o servidor as concluirá.",
        "fr": "Des analyses sont encore en cours après {seconds} s ; le serveur les terminera.",
    },
    "serve.listening": {
        "en": "Serving on http://{host}:{port}/ ({workers} scan workers, {mode}). Data: {data}",
        "es": "Sirviendo en http://{host}:{port}/ ({workers} procesos de análisis, {mode}). Datos: {data}",
        "pt-BR": "Servindo em http://{host}:{port}/ ({workers} processos de análise, {mode}). Dados: {data}",
        "fr": "Service sur http://{host}:{port}/ ({workers} processus d'analyse, {mode}). Données : {data}",
    },
    "serve.celery": {
        "en": "Task backend is Celery: scans run in `ospo worker` processes, not in this server.",
        "es": "El backend de tareas es Celery: los análisis corren en procesos `ospo worker`, no en este servidor.",
        "pt-BR": "O backend de tarefas é o Celery: as análises rodam em processos `ospo worker`, não neste servidor.",
        "fr": "Le moteur de tâches est Celery : les analyses tournent dans `ospo worker`, pas dans ce serveur.",
    },
})


def msg(key: str, **params: object) -> str:
    return CATALOG.get(key, language_from_env(), **params)
