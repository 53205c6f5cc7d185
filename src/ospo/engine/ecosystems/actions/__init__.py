"""GitHub Actions: workflow files and action metadata (purl type githubactions; docker:// steps → docker)."""

from ospo.engine.ecosystems.actions.workflow import ActionMetadataExtractor, WorkflowExtractor

EXTRACTORS = [WorkflowExtractor(), ActionMetadataExtractor()]
