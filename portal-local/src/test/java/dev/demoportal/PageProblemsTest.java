package dev.demoportal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the tour counts as a problem in a page's text, and what it lets pass. */
class PageProblemsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "expiresAt: 2026-12-06T01:37:15Z, organisation: acme-corp",
                "Ready at 2026-12-06T01:37:15.632447786Z",
                "from 2026-12-06T01:37+01:00",
                "until 2026-12-06T01:37:15-0500",
                "at 2026-12-06T01:37:15+01:00[Europe/Berlin]",
                "local 2026-12-06T01:37",
                "as PostgreSQL writes it: 2026-12-06 01:37:15.123456+00"
            })
    void rawTimestampsAreProblems(String text) {
        assertThat(PageProblems.inText(text)).singleElement().asString().startsWith("raw timestamp");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "java.lang.NullPointerException: Cannot invoke \"java.util.Map.isEmpty()\"",
                "\tat dev.demoportal.sandbox.ui.SandboxPageView.draw(SandboxPageView.java:125)",
                "Caused by: something",
                "ERROR: duplicate key value violates unique constraint",
                "SQL state 23505"
            })
    void exceptionTextIsAProblem(String text) {
        assertThat(PageProblems.inText(text)).anySatisfy(p -> assertThat(p).startsWith("exception text"));
    }

    @Test
    void rawDurationsAndErrorPagesAreProblems() {
        assertThat(PageProblems.inText("Extended by PT24H"))
                .singleElement()
                .asString()
                .startsWith("raw duration");
        assertThat(PageProblems.inText("There was an exception while trying to navigate to 'sandboxes/1'"))
                .anySatisfy(p -> assertThat(p).startsWith("Vaadin navigation error page"));
        assertThat(PageProblems.inText("Something went wrong on our side. Quote error id 1a2b3c4d when you report it."))
                .singleElement()
                .asString()
                .startsWith("the error handler's notification");
        assertThat(PageProblems.inText("This page is not available to you")).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Tue 3 Mar 14:00 — Approved: Have fun — Alice Field",
                "14:00–16:00 · Acme GitOps workshop · Acme Corp",
                "Times in your time zone (Berlin).",
                "Expires in 2 days 23 hours (Wed 9 Dec 05:35), extended 1×",
                "Failed at region-platform / namespace: Simulated failure (demo history)",
                "day,environment from 2026-12-06 to 2026-12-31",
                "Exceptional demand this week; at least 3 slots (see the Error column)",
                "https://argocd.emea-demo-1.demo.example.com"
            })
    void whatThePortalShowsIsNoProblem(String text) {
        assertThat(PageProblems.inText(text)).isEmpty();
    }
}
