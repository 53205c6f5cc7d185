"""Gradle: lockfiles, version catalogs and static reading of build.gradle / build.gradle.kts."""

from __future__ import annotations

from ospo.engine.model import Scope
from ospo.engine.scanner import scan_tree
from ospo.engine.sources.memory import MemoryTree

from fuzzing import fuzz
from util import FIXTURES, assert_no_internal_errors, by_name, run_extractor

GRADLE = FIXTURES / "gradle"
TREE = {str(p.relative_to(GRADLE)): p.read_bytes() for p in GRADLE.rglob("*") if p.is_file()}
LOCK = TREE["gradle.lockfile"]
CATALOG = TREE["gradle/libs.versions.toml"]
GROOVY = TREE["build.gradle"]
KOTLIN = TREE["app/build.gradle.kts"]


def _run(name: str, path: str):  # type: ignore[no-untyped-def]
    fr = run_extractor(name, path, TREE[path], TREE)
    assert_no_internal_errors(fr)
    return fr, by_name(fr)


# -- lockfiles -------------------------------------------------------------------------------------
def test_lockfile_versions_scopes_lines():
    fr, comps = _run("gradle-lockfile", "gradle.lockfile")
    assert len(fr.components) == 5  # comments and empty= are not components
    jackson = comps["com.fasterxml.jackson.core:jackson-databind"][0]
    assert jackson.purl == "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.17.1"
    assert jackson.scope is Scope.RUNTIME and jackson.direct is None and jackson.location.line == 4
    assert comps["org.junit.jupiter:junit-jupiter-api"][0].scope is Scope.TEST
    assert comps["jakarta.servlet:jakarta.servlet-api"][0].scope is Scope.OPTIONAL  # compileClasspath only


def test_buildscript_and_legacy_lockfiles():
    _, comps = _run("gradle-lockfile", "buildscript-gradle.lockfile")
    assert comps["org.springframework.boot:spring-boot-gradle-plugin"][0].scope is Scope.DEVELOPMENT
    _, comps = _run("gradle-lockfile", "legacy/gradle/dependency-locks/compileClasspath.lockfile")
    assert comps["org.slf4j:slf4j-api"][0].version == "1.7.36"
    assert comps["org.slf4j:slf4j-api"][0].properties["gradle:configurations"] == "compileClasspath"


def test_bad_lockfile():
    fr = run_extractor("gradle-lockfile", "gradle.lockfile", b"<html>oops</html>\n")
    assert fr.components == [] and fr.issues and fr.issues[0].severity == "error"
    fr = run_extractor("gradle-lockfile", "gradle.lockfile", LOCK + b"garbage line\n")
    assert len(fr.components) == 5 and fr.issues[0].severity == "warning"


# -- version catalog -------------------------------------------------------------------------------
def test_catalog_notations_and_rich_versions():
    fr, comps = _run("gradle-version-catalog", "gradle/libs.versions.toml")
    assert comps["org.apache.commons:commons-lang3"][0].purl == "pkg:maven/org.apache.commons/commons-lang3@3.14.0"
    assert comps["com.fasterxml.jackson.core:jackson-databind"][0].version == "2.17.1"  # version.ref
    assert comps["com.google.guava:guava"][0].location.line == 15  # group/name/version
    assert comps["io.netty:netty-handler"][0].version == "4.1.110.Final"  # strictly range + prefer
    assert comps["org.slf4j:slf4j-api"][0].version == "2.0.13"  # require
    assert comps["org.junit.jupiter:junit-jupiter"][0].version == "5.10.2"  # inline strictly
    web = comps["org.springframework.boot:spring-boot-starter-web"][0]
    assert web.version is None and not web.pinned
    assert comps["org.example:flaky"][0].pinned is False and comps["org.example:flaky"][0].version == "1.+"
    plugin = comps["org.springframework.boot:org.springframework.boot.gradle.plugin"][0]
    assert plugin.scope is Scope.DEVELOPMENT and plugin.version == "3.2.5"
    assert "com.github.ben-manes.versions:com.github.ben-manes.versions.gradle.plugin" in comps
    assert any("missing" in i.message for i in fr.issues)


def test_bad_catalog():
    for bad in (b"[versions\nx=", b"[[x]]\ny = 1\n", b"\x00\x01"):
        fr = run_extractor("gradle-version-catalog", "gradle/libs.versions.toml", bad)
        assert fr.components == [] and fr.issues, bad


# -- build scripts ---------------------------------------------------------------------------------
def test_groovy_build_script():
    fr, comps = _run("gradle-build", "build.gradle")
    assert all(c.properties["best-effort"] == "true" for c in fr.components)
    assert comps["org.hibernate.orm:hibernate-core"][0].version == "6.5.2.Final"  # gradle.properties
    assert comps["org.apache.poi:poi-ooxml"][0].version == "5.2.5"  # "g:a:" + def
    assert comps["org.flywaydb:flyway-core"][0].version == "10.15.0"  # map notation, "key: value" properties
    assert comps["org.mapstruct:mapstruct"][0].version == "1.5.5.Final"  # ext map
    cloud = comps["org.springframework.cloud:spring-cloud-dependencies"][0]
    assert cloud.version == "2023.0.2" and cloud.properties["gradle:platform"] == "true"  # ext { } block
    # single quotes never interpolate in Groovy: kept as written, unpinned
    assert comps["ch.qos.logback:logback-classic"][0].pinned is False
    netty = comps["io.netty:netty-resolver-dns-native-macos"][0]
    assert netty.purl.endswith("@4.1.110.Final?classifier=osx-aarch_64")
    assert comps["org.jetbrains.kotlin:kotlin-gradle-plugin"][0].scope is Scope.DEVELOPMENT  # buildscript
    assert {c.scope for c in comps["org.projectlombok:lombok"]} == {Scope.OPTIONAL, Scope.DEVELOPMENT}
    assert comps["org.junit.jupiter:junit-jupiter"][0].scope is Scope.TEST  # closure after the notation
    assert comps["org.postgresql:postgresql"][0].location.line == 38
    # libs.x and libs.bundles.y against gradle/libs.versions.toml at the root
    assert comps["org.slf4j:slf4j-api"][0].version == "2.0.13"
    assert comps["com.fasterxml.jackson.core:jackson-databind"][0].location.line == 35
    snake = comps["org.yaml:snakeyaml"][0]
    assert snake.properties["gradle:constraint"] == "true" and snake.direct is None
    assert comps["org.example:dynamic"][0].pinned is False
    assert "commented:out" not in comps and not any("shared" in n for n in comps)
    plugin = comps["org.springframework.boot:org.springframework.boot.gradle.plugin"][0]
    assert plugin.version == "3.2.5" and plugin.location.line == 10
    assert "com.github.ben-manes.versions:com.github.ben-manes.versions.gradle.plugin" in comps  # alias
    assert any("libs.missing.alias" in i.message for i in fr.issues)


def test_kotlin_build_script():
    _, comps = _run("gradle-build", "app/build.gradle.kts")
    bom = comps["org.springframework.boot:spring-boot-dependencies"][0]
    assert bom.properties["gradle:platform"] == "true" and bom.version == "3.2.5"
    assert comps["io.jsonwebtoken:jjwt-api"][0].version == "0.12.5"  # val
    assert comps["io.jsonwebtoken:jjwt-impl"][0].scope is Scope.RUNTIME
    assert comps["software.amazon.awssdk:s3"][0].version == "2.25.60"  # extra[...] + property("…")
    assert comps["org.apache.commons:commons-text"][0].version == "1.12.0"  # named arguments
    assert comps["com.fasterxml.jackson.module:jackson-module-kotlin"][0].version == "2.17.1"  # libs.versions
    assert comps["org.jetbrains.kotlin:kotlin-reflect"][0].version == "1.9.24"
    assert comps["org.jetbrains.kotlin:kotlin-stdlib"][0].pinned is False
    assert comps["io.opentelemetry:opentelemetry-api"][0].properties["gradle:version"] == "unresolved variable"
    assert comps["org.testcontainers:postgresql"][0].scope is Scope.TEST  # "conf"("…") form
    assert comps["org.springframework.boot:spring-boot-devtools"][0].scope is Scope.DEVELOPMENT  # add(…)
    assert comps["org.jetbrains.kotlin.jvm:org.jetbrains.kotlin.jvm.gradle.plugin"][0].version == "1.9.24"
    assert "gov.example.conventions:gov.example.conventions.gradle.plugin" not in comps  # no version
    assert not any(n.endswith(":lib") for n in comps)


def test_unterminated_and_binary_build_scripts():
    fr = run_extractor("gradle-build", "build.gradle", b"dependencies {\n implementation 'a:b:1.0'\n /* open")
    assert_no_internal_errors(fr)
    fr = run_extractor("gradle-build", "build.gradle", b"\x00\x00binary")
    assert fr.issues and fr.components == []


def test_merge_catalog_with_build_script():
    result = scan_tree(MemoryTree(TREE), "t", "mem")
    guava = [c for c in result.components if c.purl == "pkg:maven/com.google.guava/guava@33.2.0-jre"]
    assert len(guava) == 1 and guava[0].direct is True and len(guava[0].locations) == 3


test_fuzz_lockfile = fuzz("gradle-lockfile", "gradle.lockfile", [LOCK])
test_fuzz_catalog = fuzz("gradle-version-catalog", "gradle/libs.versions.toml", [CATALOG])
test_fuzz_groovy = fuzz("gradle-build", "build.gradle", [GROOVY])
test_fuzz_kotlin = fuzz("gradle-build", "build.gradle.kts", [KOTLIN])
