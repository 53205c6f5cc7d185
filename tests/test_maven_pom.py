"""pom.xml extraction: properties, parents, dependencyManagement, BOMs, reactor modules, scopes, lines."""

from __future__ import annotations

from ospo.engine.model import Scope
from ospo.engine.scanner import scan_tree
from ospo.engine.sources.memory import MemoryTree

from fuzzing import fuzz
from util import FIXTURES, assert_no_internal_errors, by_name, run_extractor

MAVEN = FIXTURES / "maven"
REACTOR = {
    str(p.relative_to(MAVEN)): p.read_bytes() for p in (MAVEN / "reactor").rglob("*") if p.is_file()
}
APP = REACTOR["reactor/app/pom.xml"]
PARENT = REACTOR["reactor/pom.xml"]
LIB = REACTOR["reactor/lib/pom.xml"]
STANDALONE = (MAVEN / "standalone.pom").read_bytes()


def _app():
    return run_extractor("maven-pom", "reactor/app/pom.xml", APP, REACTOR)


def test_inherited_properties_and_managed_versions_resolve():
    fr = _app()
    assert_no_internal_errors(fr)
    comps = by_name(fr)
    # CI-friendly version: ${revision}${sha1}${changelist}, changelist emptied by .mvn/maven.config
    assert fr.root == "pkg:maven/gov.example.registry/registry-app@2.4.0"
    guava = comps["com.google.guava:guava"][0]
    assert guava.purl == "pkg:maven/com.google.guava/guava@33.2.0-jre" and guava.pinned and guava.direct is True
    assert guava.location.line == 33
    pg = comps["org.postgresql:postgresql"][0]
    # version and scope both come from the parent's dependencyManagement
    assert pg.version == "42.7.3" and pg.properties["maven:managed-version"] == "true"
    assert pg.properties["maven:scope"] == "runtime" and pg.scope is Scope.RUNTIME
    junit = comps["org.junit.jupiter:junit-jupiter"][0]
    assert junit.version == "5.10.2" and junit.scope is Scope.TEST


def test_scopes_qualifiers_and_unresolved_versions():
    comps = by_name(_app())
    servlet = comps["jakarta.servlet:jakarta.servlet-api"][0]
    assert servlet.scope is Scope.OPTIONAL and servlet.properties["maven:scope"] == "provided"
    ojdbc = comps["com.oracle:ojdbc"][0]
    assert ojdbc.scope is Scope.RUNTIME and ojdbc.properties["maven:system-path"] == "${project.basedir}/lib/ojdbc6.jar"
    epoll = comps["io.netty:netty-transport-native-epoll"][0]
    assert epoll.purl == "pkg:maven/io.netty/netty-transport-native-epoll@4.1.110.Final?classifier=linux-x86_64"
    assert epoll.scope is Scope.OPTIONAL
    # BOM-managed without the BOM in the tree: kept, unpinned, no version
    web = comps["org.springframework.boot:spring-boot-starter-web"][0]
    assert web.version is None and not web.pinned
    assert web.purl == "pkg:maven/org.springframework.boot/spring-boot-starter-web"
    # a property cycle and an environment variable stay as written, unpinned
    assert comps["org.example:cyclic"][0].pinned is False and "${loop" in comps["org.example:cyclic"][0].version
    assert comps["org.example:from-env"][0].version == "${env.LIB_VERSION}"
    assert comps["io.micrometer:micrometer-registry-prometheus"][0].properties["maven:profile"] == "metrics"


def test_sibling_modules_are_first_party_and_skipped():
    comps = by_name(_app())
    assert "gov.example.registry:registry-lib" not in comps  # plain and test-jar dependency on a module
    assert "commented-out" not in str(list(comps))


def test_plugins_are_development_with_managed_versions():
    comps = by_name(_app())
    boot = comps["org.springframework.boot:spring-boot-maven-plugin"][0]
    assert boot.version == "3.2.5" and boot.scope is Scope.DEVELOPMENT and boot.properties["maven:plugin"] == "true"
    surefire = comps["org.apache.maven.plugins:maven-surefire-plugin"][0]  # default plugin groupId
    assert surefire.version == "3.2.5"
    provider = comps["org.junit.platform:junit-platform-surefire-provider"][0]
    assert provider.scope is Scope.DEVELOPMENT


def test_parent_reports_bom_import_and_edges():
    fr = run_extractor("maven-pom", "reactor/pom.xml", PARENT, REACTOR)
    comps = by_name(fr)
    bom = comps["org.springframework.boot:spring-boot-dependencies"][0]
    assert bom.purl == "pkg:maven/org.springframework.boot/spring-boot-dependencies@3.2.5?type=pom"
    assert bom.properties["maven:bom"] == "true"
    # managed entries are not dependencies of the parent
    assert "org.postgresql:postgresql" not in comps
    assert comps["org.codehaus.mojo:flatten-maven-plugin"][0].location.line == 80
    assert fr.root == "pkg:maven/gov.example.registry/registry-parent@2.4.0"
    assert all(e.source == fr.root for e in fr.edges) and len(fr.edges) == 2


def test_unnamespaced_child_and_ranges():
    comps = by_name(run_extractor("maven-pom", "reactor/lib/pom.xml", LIB, REACTOR))
    assert comps["com.fasterxml.jackson.core:jackson-databind"][0].version == "2.17.1"  # nested property
    lang = comps["org.apache.commons:commons-lang3"][0]
    assert lang.version == "[3.12,4.0)" and not lang.pinned


def test_parent_outside_tree_is_a_component_and_latin1_file_reads():
    fr = run_extractor("maven-pom", "standalone.pom", STANDALONE)
    comps = by_name(fr)
    parent = comps["org.springframework.boot:spring-boot-starter-parent"][0]
    assert parent.purl == "pkg:maven/org.springframework.boot/spring-boot-starter-parent@3.3.0?type=pom"
    assert comps["org.example:latest"][0].pinned is False
    assert any("no-group" in i.message and i.severity == "warning" for i in fr.issues)


def test_parent_with_other_coordinates_is_not_inherited():
    other = PARENT.replace(b"<artifactId>registry-parent</artifactId>", b"<artifactId>something-else</artifactId>")
    files = {**REACTOR, "reactor/pom.xml": other}
    comps = by_name(run_extractor("maven-pom", "reactor/app/pom.xml", APP, files))
    assert comps["com.google.guava:guava"][0].version == "33.2.0-jre"  # own property still resolves
    assert comps["org.postgresql:postgresql"][0].version is None  # management not inherited


def test_bad_poms_are_issues_not_crashes():
    for name in ("truncated.xml", "not-a-pom.xml"):
        fr = run_extractor("maven-pom", "pom.xml", (MAVEN / name).read_bytes())
        assert fr.components == [] and fr.issues and "internal error" not in fr.issues[0].message
    bomb = b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaa">]><project>&a;</project>'
    fr = run_extractor("maven-pom", "pom.xml", bomb)
    assert fr.issues and "hostile" in fr.issues[0].message


def test_whole_reactor_scan_merges_without_first_party():
    result = scan_tree(MemoryTree(REACTOR), "t", "mem")
    purls = {c.purl for c in result.components}
    assert not any("registry-lib" in p for p in purls)
    assert "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.17.1" in purls


test_fuzz_pom = fuzz("maven-pom", "pom.xml", [APP, PARENT, LIB, STANDALONE])
