"""Go modules: go.mod (build list since Go 1.17), go.sum (checksums) and go.work (workspaces)."""

from ospo.engine.ecosystems.golang.go_mod import GoModExtractor
from ospo.engine.ecosystems.golang.go_sum import GoSumExtractor
from ospo.engine.ecosystems.golang.go_work import GoWorkExtractor

EXTRACTORS = [GoModExtractor(), GoSumExtractor(), GoWorkExtractor()]
