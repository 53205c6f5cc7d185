"""Where trees come from: a directory, a local git object store, a remote git URL, an SBOM file."""
