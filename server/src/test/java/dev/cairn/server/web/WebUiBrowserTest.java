package dev.cairn.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.ArchiveFilter;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.JobFilter;
import dev.cairn.core.catalog.RetentionPolicy;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.catalog.TaskStatus;
import dev.cairn.core.catalog.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The web UI in a real browser against a real server, as a first-time operator uses it: log in,
 * set up a store, a target, a schedule, a retention policy and a job through the forms, run it
 * and watch its log to the end, restore the archive into another target, cancel a task that
 * never ends, test stores from their list, and give a job a copy store and verifies, then take
 * them away, and give a seed-protocol plugin its endpoint as JSON. Each page is saved as a
 * screenshot, at laptop and phone widths.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiBrowserTest {
    @TempDir
    static Path root;
    static WebFixture web;
    static Browser browser;
    static Path source;
    static Path restored;

    @BeforeAll
    static void start() throws Exception {
        Path seedPlugin = Files.createDirectories(root.resolve("data/plugins")).resolve("seed-fs.sh");
        Files.copy(Path.of("../plugins/src/test/resources/exec/seed-fs.sh"), seedPlugin);
        Files.setPosixFilePermissions(seedPlugin, PosixFilePermissions.fromString("rwxr-xr-x"));
        web = WebFixture.start(root);
        browser = Browser.start(Files.createDirectories(root.resolve("chromium-profile")));
        source = Files.createDirectories(root.resolve("source"));
        Files.writeString(source.resolve("hello.txt"), "hello from the web UI test\n");
        Files.createDirectories(source.resolve("sub"));
        Files.writeString(source.resolve("sub/nested.txt"), "nested\n");
        restored = Files.createDirectories(root.resolve("restored"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        web.close();
    }

    @Test
    @Order(1)
    void logsInWithTheApiToken() {
        browser.open(web.url("/jobs"));
        browser.await(ExpectedConditions.urlContains("/login"));
        browser.screenshot("login");
        browser.find(By.name("token")).sendKeys("not-the-token");
        browser.find(By.cssSelector("#login button")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".problem"), "not valid"));
        browser.screenshot("login-refused");

        browser.find(By.name("token")).sendKeys(WebFixture.TOKEN);
        browser.find(By.cssSelector("#login button")).click();
        // back where the login was asked for
        browser.await(ExpectedConditions.urlToBe(web.url("/jobs")));
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Jobs");
        assertThat(browser.find(By.cssSelector(".empty")).getText()).contains("No jobs yet");
        browser.screenshot("jobs-empty");

        browser.open(web.url("/"));
        assertThat(browser.find(By.id("getting-started")).getText()).contains("Add a store", "Add a target", "Add a job");
        browser.screenshot("dashboard-empty");
    }

    @Test
    @Order(2)
    void createsAStore() {
        browser.open(web.url("/stores/new"));
        choosePlugin("fs");
        browser.find(By.name("name")).sendKeys("local disk");
        browser.find(By.name("summary")).sendKeys("archives on this machine");
        browser.find(By.name("endpoint.path")).sendKeys(root.resolve("store").toString());
        browser.screenshot("store-form");
        submit("#item-form");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Store 'local disk' created."));
        assertThat(browser.find(By.tagName("table")).getText()).contains("local disk", "path=" + root.resolve("store"));
        browser.screenshot("stores");
    }

    @Test
    @Order(3)
    void createsTargetsWithFormsMadeFromThePluginsFields() {
        browser.open(web.url("/targets/new"));
        // no plugin is chosen for the user: the endpoint fields come with the one they pick
        assertThat(browser.find(By.id("endpoint-fields")).getText()).contains("Choose the plugin first");
        choosePlugin("postgres");
        // a secret field is a password input, and the plugin's fields are all there
        assertThat(browser.find(By.name("endpoint.password")).getAttribute("type")).isEqualTo("password");
        assertThat(browser.find(By.name("endpoint.host")).isDisplayed()).isTrue();
        browser.screenshot("target-form-postgres");

        choosePlugin("fs");
        assertThat(browser.driver().findElements(By.name("endpoint.password"))).isEmpty();
        browser.find(By.name("name")).sendKeys("source files");
        // "Test connection" tests what the form holds, saving nothing
        Path missing = source.resolve("missing");
        browser.find(By.name("endpoint.path")).sendKeys(missing.toString());
        testConnection("Does not connect: directory " + missing + " does not exist");
        browser.screenshot("target-form-test-failed");
        browser.find(By.name("endpoint.path")).clear();
        browser.find(By.name("endpoint.path")).sendKeys(source.toString());
        testConnection("Connects: directory " + source + " can be read");
        browser.screenshot("target-form-test-ok");
        submit("#item-form");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Target 'source files' created."));

        browser.open(web.url("/targets/new"));
        choosePlugin("fs");
        browser.find(By.name("name")).sendKeys("restored files");
        browser.find(By.name("endpoint.path")).sendKeys(restored.toString());
        submit("#item-form");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Target 'restored files' created."));
        assertThat(browser.find(By.tagName("table")).getText()).contains("source files", "restored files");
        browser.screenshot("targets");
    }

    @Test
    @Order(4)
    void createsAScheduleCheckingTheTimespecAsItIsTyped() {
        browser.open(web.url("/schedules/new"));
        browser.find(By.name("name")).sendKeys("nightly");
        WebElement when = browser.find(By.name("when"));
        when.sendKeys("dialy 4am");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#when-check .bad"), "dialy"));
        browser.screenshot("schedule-form-invalid");

        when.clear();
        when.sendKeys("daily 4am");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("when-check"), "daily at 4:00"));
        assertThat(browser.find(By.id("when-check")).findElements(By.tagName("li"))).hasSize(5);
        browser.screenshot("schedule-form");
        submit("#schedule-form");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Schedule 'nightly' created."));
        assertThat(browser.find(By.tagName("table")).getText()).contains("nightly", "daily at 4:00", "04:00 UTC");
        browser.screenshot("schedules");
    }

    @Test
    @Order(5)
    void createsARetentionPolicyAndShowsTheApisRefusalInPlace() {
        browser.open(web.url("/retention/new"));
        browser.find(By.name("name")).sendKeys("two days");
        WebElement expires = browser.find(By.name("expires"));
        expires.clear();
        expires.sendKeys("30");
        new Select(browser.find(By.name("unit"))).selectByValue("seconds");
        submit("#retention-form");
        // the same rule as the API's, with the value in the message, and the form keeps what was typed
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".problem"),
                "expires must be at least 3600 seconds, got 30"));
        assertThat(browser.find(By.name("name")).getAttribute("value")).isEqualTo("two days");
        browser.screenshot("retention-form-refused");

        expires = browser.find(By.name("expires"));
        expires.clear();
        expires.sendKeys("2");
        new Select(browser.find(By.name("unit"))).selectByValue("days");
        for (var rule : Map.of("keep_daily", "7", "keep_monthly", "12").entrySet()) {
            WebElement field = browser.find(By.name(rule.getKey()));
            field.clear();
            field.sendKeys(rule.getValue());
        }
        submit("#retention-form");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "created"));
        assertThat(browser.find(By.tagName("table")).getText()).contains("two days", "2 days", "7 daily, 12 monthly");
        assertThat(web.cairn().catalog().retention().list(Usage.ANY)).singleElement()
                .satisfies(p -> assertThat(p.expires()).isEqualTo(2 * 86400))
                .satisfies(p -> assertThat(p.keep()).isEqualTo(new RetentionPolicy.Keep(7, 0, 12, 0)));
        browser.screenshot("retention");
    }

    @Test
    @Order(6)
    void createsAJob() {
        browser.open(web.url("/jobs/new"));
        browser.find(By.name("name")).sendKeys("files nightly");
        new Select(browser.find(By.name("target"))).selectByVisibleText("source files (fs)");
        new Select(browser.find(By.name("store"))).selectByVisibleText("local disk (fs)");
        new Select(browser.find(By.name("schedule"))).selectByVisibleText("nightly (daily 4am)");
        new Select(browser.find(By.name("retention"))).selectByVisibleText("two days");
        browser.screenshot("job-form");
        submit("#job-form");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Job 'files nightly' created."));
        assertThat(browser.find(By.tagName("table")).getText()).contains("files nightly", "source files → local disk", "never");
        browser.screenshot("jobs");

        pressInRow("files nightly", "Pause");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "paused."));
        assertThat(browser.find(By.tagName("table")).getText()).contains("paused");
        pressInRow("files nightly", "Unpause");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "unpaused."));
    }

    @Test
    @Order(7)
    void runsTheJobAndWatchesItsLogReachDone() {
        browser.open(web.url("/jobs"));
        pressInRow("files nightly", "Run now");
        browser.await(ExpectedConditions.urlContains("/tasks/"));
        // the page streams the log until the task ends; the script marks the log when the end event came
        browser.await(60, ExpectedConditions.attributeToBe(By.id("task-log"), "data-ended", "true"));
        assertThat(browser.find(By.id("task-status")).getText()).isEqualTo("done");
        assertThat(browser.find(By.id("task-log")).getText()).contains("backing up target source files", "stored", "done");
        assertThat(browser.driver().findElements(By.id("cancel-form"))).isEmpty();
        browser.screenshot("task-done");

        browser.open(web.url("/"));
        assertThat(browser.driver().findElements(By.id("getting-started"))).isEmpty();
        assertThat(browser.find(By.id("jobs")).getText()).contains("files nightly", "done");
        assertThat(browser.find(By.id("stores")).getText()).contains("local disk", "not checked yet");
        assertThat(browser.find(By.cssSelector("#stores td:nth-child(3)")).getText()).isEqualTo("1");
        browser.screenshot("dashboard");
    }

    @Test
    @Order(8)
    void restoresTheArchiveIntoAnotherTargetFromTheArchivesPage() throws Exception {
        browser.open(web.url("/archives"));
        Archive archive = web.cairn().catalog().archives().list(ArchiveFilter.ALL).getFirst();
        web.cairn().catalog().archives().setNotes(archive.uuid(), "before the upgrade");
        browser.open(web.url("/archives"));
        WebElement row = browser.find(By.cssSelector("#archives tbody tr"));
        assertThat(row.getText()).contains("files nightly", "source files", "local disk", "before the upgrade", "Verify");
        assertThat(row.findElements(By.name("notes"))).isEmpty();
        browser.screenshot("archives");
        row.findElement(By.linkText("backup task")).click();
        assertThat(browser.find(By.id("task-log")).getText()).contains("archive " + archive.uuid() + " stored in local disk");
        browser.open(web.url("/archives"));

        browser.find(By.linkText("Restore")).click();
        assertThat(browser.find(By.id("overwrite-warning")).getText()).contains("overwrites the data of target 'source files'");
        browser.screenshot("restore-original");
        new Select(browser.find(By.name("target"))).selectByVisibleText("restored files");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("overwrite-warning"),
                "overwrites the data of target 'restored files'"));
        assertThat(browser.find(By.id("overwrite-warning")).getText()).contains("path=" + restored);
        browser.screenshot("restore-confirm");
        submit("#restore-form");

        browser.await(ExpectedConditions.urlContains("/tasks/"));
        browser.await(60, ExpectedConditions.attributeToBe(By.id("task-log"), "data-ended", "true"));
        assertThat(browser.find(By.id("task-status")).getText()).isEqualTo("done");
        assertThat(browser.find(By.id("task-log")).getText()).contains("restore complete");
        browser.screenshot("task-restore-done");
        assertThat(restored.resolve("hello.txt")).hasContent("hello from the web UI test");
        assertThat(restored.resolve("sub/nested.txt")).hasContent("nested");
    }

    @Test
    @Order(9)
    void cancelsATaskThatNeverEnds() {
        browser.open(web.url("/targets/new"));
        choosePlugin(SlowTarget.NAME);
        browser.find(By.name("name")).sendKeys("endless dump");
        submit("#item-form");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "created"));
        browser.open(web.url("/jobs/new"));
        browser.find(By.name("name")).sendKeys("endless job");
        new Select(browser.find(By.name("target"))).selectByVisibleText("endless dump (slow)");
        new Select(browser.find(By.name("store"))).selectByVisibleText("local disk (fs)");
        new Select(browser.find(By.name("schedule"))).selectByVisibleText("nightly (daily 4am)");
        new Select(browser.find(By.name("retention"))).selectByVisibleText("two days");
        browser.find(By.name("variants")).sendKeys("sanitised, masked");
        submit("#job-form");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "created"));
        assertThat(web.cairn().catalog().jobs().list(JobFilter.ALL).stream().filter(j -> j.name().equals("endless job"))
                .findFirst().orElseThrow().variants()).containsExactly("sanitised", "masked");

        pressInRow("endless job", "Run now");
        browser.await(ExpectedConditions.urlContains("/tasks/"));
        browser.await(30, ExpectedConditions.textToBe(By.id("task-status"), "running"));
        browser.await(30, ExpectedConditions.textToBePresentInElementLocated(By.id("task-log"), "dumped 2 MiB"));
        browser.screenshot("task-running");
        submit("#cancel-form");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Cancel requested."));
        browser.await(60, ExpectedConditions.attributeToBe(By.id("task-log"), "data-ended", "true"));
        assertThat(browser.find(By.id("task-status")).getText()).isEqualTo("canceled");
        assertThat(browser.find(By.id("task-log")).getText()).contains("canceled");
        browser.screenshot("task-canceled");

        browser.open(web.url("/tasks?status=canceled"));
        assertThat(browser.find(By.id("tasks")).getText()).contains("endless job", "canceled");
        browser.screenshot("tasks-canceled");
        browser.open(web.url("/tasks"));
        browser.screenshot("tasks");
    }

    @Test
    @Order(10)
    void refusesAFormPostedFromAnotherSite() throws java.io.IOException {
        long before = web.cairn().catalog().retention().list(Usage.ANY).size();
        // a page of another site (localhost and 127.0.0.1 are different sites to the browser), served by a
        // server of its own, posts a form here; the browser sends the session cookie only if SameSite let it
        String evil = "<!DOCTYPE html><form method=post action='" + web.url("/retention") + "'>"
                + "<input name=name value=forged><input name=expires value=5><input name=unit value=days></form>"
                + "<script>document.forms[0].submit()</script>";
        com.sun.net.httpserver.HttpServer other = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/", exchange -> {
            byte[] page = evil.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        other.start();
        try {
            browser.open("http://localhost:" + other.getAddress().getPort() + "/");
            browser.await(ExpectedConditions.urlToBe(web.url("/retention")));
            assertThat(browser.find(By.cssSelector(".problem")).getText()).contains("sent from another site");
            browser.screenshot("cross-site-refused");
        } finally {
            other.stop(0);
        }
        assertThat(web.cairn().catalog().retention().list(Usage.ANY)).hasSize((int) before);
    }

    @Test
    @Order(11)
    void pagesFitAPhone() {
        browser.size(Browser.PHONE);
        try {
            String jobPage = "/jobs/" + job("files nightly").uuid();
            // the people pages too, with a team that has a member so that its page has a table
            var access = web.cairn().access();
            var team = new dev.cairn.core.access.Team(UUID.randomUUID(), "phone-team", "the team of the phone check");
            access.teams().insert(team);
            access.teams().setMember(team.uuid(), access.users().findByName("admin").orElseThrow().uuid(),
                    dev.cairn.core.access.Role.OPERATOR, "local");
            String teamPage = "/teams/" + team.uuid();
            for (String page : List.of("/", "/jobs", jobPage, "/jobs/new", "/archives", "/tasks", "/targets", "/stores",
                    "/schedules", "/stores/new", "/users", "/users/new", "/teams", teamPage, "/tokens", "/audit",
                    "/databases")) {
                browser.open(web.url(page));
                assertThat(browser.driver().findElements(By.cssSelector("main table"))).as("data on %s", page)
                        .hasSizeGreaterThanOrEqualTo(page.endsWith("/new") || page.equals("/databases") ? 0 : 1);
                long overflow = (Long) ((JavascriptExecutor) browser.driver()).executeScript(
                        "return document.documentElement.scrollWidth - window.innerWidth");
                assertThat(overflow).as("horizontal overflow of %s at phone width", page).isLessThanOrEqualTo(0);
                assertThat(browser.policyViolations()).as("what the Content-Security-Policy refused on %s", page).isEmpty();
                browser.screenshot("phone" + (page.equals("/") ? "-dashboard" : page.equals(jobPage) ? "-job"
                        : page.equals(teamPage) ? "-team" : page.replace('/', '-')));
            }
        } finally {
            browser.size(Browser.LAPTOP);
        }
    }

    @Test
    @Order(12)
    void deletesAnArchiveAfterAConfirmation() {
        browser.open(web.url("/archives"));
        browser.find(By.linkText("Delete")).click();
        assertThat(browser.find(By.tagName("h1")).getText()).startsWith("Delete the archive of 'source files'");
        assertThat(browser.find(By.tagName("main")).getText()).contains("removed from store 'local disk'");
        browser.screenshot("archive-delete-confirm");
        browser.find(By.cssSelector("main form button[type=submit]")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "deleted."));
        assertThat(browser.find(By.cssSelector(".empty")).getText()).contains("No archives yet");
        assertThat(web.cairn().catalog().archives().list(new dev.cairn.core.catalog.ArchiveFilter(null, null, null, null, true)))
                .singleElement().satisfies(a -> assertThat(a.status()).isEqualTo(dev.cairn.core.catalog.Archive.Status.PURGED));
        browser.screenshot("archives-empty");
    }

    @Test
    @Order(13)
    void testsStoresFromTheirListAndShowsTheOutcomeInPlace() {
        createFsStore("offsite disk", root.resolve("offsite"));
        // under a regular file, so nothing can be written there
        createFsStore("broken disk", source.resolve("hello.txt").resolve("archives"));
        assertThat(browser.find(healthOf("offsite disk")).getText()).isEqualTo("not checked yet");
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        js.executeScript("window.stillThisPage = true");

        pressInRow("offsite disk", "Test now");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(healthOf("offsite disk"), "healthy"));
        pressInRow("broken disk", "Test now");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(healthOf("broken disk"), "failing"));
        assertThat(browser.find(healthOf("broken disk")).getText()).contains("cannot write a test blob");
        // swapped into the list, not a new page
        assertThat(js.executeScript("return window.stillThisPage === true")).isEqualTo(true);
        browser.screenshot("stores-tested");
        var health = web.cairn().catalog().stores().health();
        assertThat(health.get(storeUuid("offsite disk")).healthy()).isTrue();
        assertThat(health.get(storeUuid("broken disk")).healthy()).isFalse();
    }

    @Test
    @Order(14)
    void copiesEachBackupToAnotherStoreAndVerifiesEveryCopy() throws Exception {
        browser.open(web.url("/jobs/new"));
        assertThat(copyChoices()).containsExactlyInAnyOrder("local disk (fs)", "offsite disk (fs)", "broken disk (fs)");
        browser.find(By.name("name")).sendKeys("files with a copy");
        new Select(browser.find(By.name("target"))).selectByVisibleText("source files (fs)");
        copyBox("offsite disk").click();
        WebElement before = browser.find(By.id("copies"));
        new Select(browser.find(By.name("store"))).selectByVisibleText("local disk (fs)");
        browser.await(ExpectedConditions.stalenessOf(before));
        // the job's own store is no longer offered as a copy, and what was ticked stays ticked
        assertThat(copyChoices()).containsExactlyInAnyOrder("offsite disk (fs)", "broken disk (fs)");
        assertThat(copyBox("offsite disk").isSelected()).isTrue();
        browser.find(By.name("verify")).click();
        new Select(browser.find(By.name("schedule"))).selectByVisibleText("nightly (daily 4am)");
        new Select(browser.find(By.name("retention"))).selectByVisibleText("two days");
        browser.screenshot("job-form-copies");

        // a forged copy to the job's own store meets the API's rule, shown in place with the form as it was sent
        ((JavascriptExecutor) browser.driver()).executeScript("var i = document.createElement('input'); i.type = 'hidden';"
                + " i.name = 'copies'; i.value = arguments[0]; document.getElementById('job-form').appendChild(i);",
                storeUuid("local disk").toString());
        submit("#job-form");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".problem"),
                "copies must name stores other than the job's own store"));
        assertThat(browser.find(By.id("copies")).getAttribute("class")).isEqualTo("invalid");
        assertThat(browser.find(By.name("name")).getAttribute("value")).isEqualTo("files with a copy");
        assertThat(copyBox("offsite disk").isSelected()).isTrue();
        assertThat(browser.find(By.name("verify")).isSelected()).isTrue();
        browser.screenshot("job-form-copies-refused");

        submit("#job-form");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Job 'files with a copy' created."));
        assertThat(browser.find(By.xpath("//tr[.//a[normalize-space(text())='files with a copy']]")).getText())
                .contains("source files → local disk", "copies: offsite disk", "verified after each backup");
        browser.screenshot("jobs-copies");
        Job job = job("files with a copy");
        assertThat(job.copies()).containsExactly(storeUuid("offsite disk"));
        assertThat(job.verify()).isTrue();

        pressInRow("files with a copy", "Run now");
        browser.await(ExpectedConditions.urlContains("/tasks/"));
        browser.await(60, ExpectedConditions.attributeToBe(By.id("task-log"), "data-ended", "true"));
        assertThat(browser.find(By.id("task-status")).getText()).isEqualTo("done");
        assertThat(browser.find(By.id("task-log")).getText()).contains("stored in local disk", "stored in offsite disk");

        // one archive per store, from the one run
        List<Archive> archives = web.cairn().catalog().archives().list(ArchiveFilter.ALL).stream()
                .filter(a -> job.uuid().equals(a.job())).toList();
        assertThat(archives).extracting(Archive::store)
                .containsExactlyInAnyOrder(storeUuid("local disk"), storeUuid("offsite disk"));
        assertThat(archives).extracting(Archive::sha256).containsOnly(archives.getFirst().sha256());
        assertThat(root.resolve("offsite")).isNotEmptyDirectory();
        // the runner picks the queued verifies up on its own: a real async boundary
        List<UUID> archiveUuids = archives.stream().map(Archive::uuid).toList();
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(web.cairn().catalog().tasks().list(TaskStatus.DONE, 100)).filteredOn(t -> t.op() == Task.Op.VERIFY)
                        .extracting(Task::archive).containsExactlyInAnyOrderElementsOf(archiveUuids));
        browser.open(web.url("/archives"));
        assertThat(browser.find(By.id("archives")).getText()).contains("local disk", "offsite disk");
        browser.open(web.url("/tasks"));
        assertThat(browser.find(By.id("tasks")).findElements(By.xpath(".//tr[.//a[text()='verify']]")))
                .extracting(WebElement::getText).hasSize(2).allSatisfy(row -> assertThat(row).contains("done"))
                .anySatisfy(row -> assertThat(row).contains("archive of source files in store local disk"))
                .anySatisfy(row -> assertThat(row).contains("archive of source files in store offsite disk"));
        browser.screenshot("tasks-verified");
    }

    @Test
    @Order(15)
    void editingAJobRemovesItsCopy() {
        browser.open(web.url("/jobs"));
        browser.find(By.linkText("files with a copy")).click();
        browser.await(ExpectedConditions.titleContains("Job files with a copy"));
        assertThat(copyBox("offsite disk").isSelected()).isTrue();
        assertThat(browser.find(By.name("verify")).isSelected()).isTrue();
        copyBox("offsite disk").click();
        browser.find(By.name("verify")).click();
        submit("#job-form");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Job 'files with a copy' saved."));
        assertThat(browser.find(By.xpath("//tr[.//a[normalize-space(text())='files with a copy']]")).getText())
                .contains("source files → local disk").doesNotContain("copies:", "verified after each backup");
        Job job = job("files with a copy");
        assertThat(job.copies()).isEmpty();
        assertThat(job.verify()).isFalse();
    }

    @Test
    @Order(16)
    void givesASeedProtocolPluginItsEndpointAsJsonAndKeepsItWhenOnlyTheNameIsEdited() throws Exception {
        Path seeded = Files.createDirectories(root.resolve("seeded"));
        browser.open(web.url("/targets/new"));
        choosePlugin("seed-fs");
        assertThat(browser.find(By.id("endpoint-warning")).getText()).contains("process list");
        WebElement json = browser.find(By.name("endpoint"));
        assertThat(json.getTagName()).isEqualTo("textarea");
        assertThat(json.getDomProperty("value")).isEqualTo("{}");
        browser.find(By.name("name")).sendKeys("seeded in the browser");
        json.clear();
        json.sendKeys("{\"base_dir\": \"/no/such/directory\"}");
        submit("#item-form");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("label.invalid .field-problem"),
                "plugin seed-fs refused the endpoint: base_dir: '/no/such/directory' is not a directory"));
        browser.screenshot("seed-target-refused");

        json = browser.find(By.name("endpoint"));
        json.clear();
        json.sendKeys("{\"base_dir\": \"" + seeded + "\", \"token\": \"browser-secret-77\", \"never_declared\": true}");
        submit("#item-form");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"),
                "Target 'seeded in the browser' created."));
        var target = web.cairn().catalog().targets().list("seed-fs", Usage.ANY).stream()
                .filter(t -> t.name().equals("seeded in the browser")).findFirst().orElseThrow();
        var endpoint = target.endpoint();
        assertThat(endpoint).containsEntry("base_dir", seeded.toString()).containsEntry("token", "browser-secret-77")
                .containsEntry("never_declared", true);

        browser.open(web.url("/targets/" + target.uuid()));
        assertThat(browser.find(By.name("endpoint")).getDomProperty("value"))
                .isEqualTo("{\"base_dir\":\"********\",\"token\":\"********\",\"never_declared\":\"********\"}");
        browser.screenshot("seed-target-edit");
        WebElement name = browser.find(By.name("name"));
        name.clear();
        name.sendKeys("seeded, renamed");
        submit("#item-form");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Target 'seeded, renamed' saved."));
        assertThat(web.cairn().catalog().targets().get(target.uuid()).endpoint()).isEqualTo(endpoint);
    }

    @Test
    @Order(17)
    void showsHowTheJobWentAsChartsOfItsRunsAndTheLastDayAsATimeline() throws Exception {
        Job job = job("files nightly");
        Files.writeString(source.resolve("more.txt"), "more text ".repeat(20_000));
        runFromItsPage(job, "done");
        Path away = root.resolve("source-away");
        Files.move(source, away);
        try {
            runFromItsPage(job, "failed");
        } finally {
            Files.move(away, source);
        }
        byte[] noise = new byte[300_000];
        new java.util.Random(18).nextBytes(noise);
        Files.write(source.resolve("noise.bin"), noise);
        runFromItsPage(job, "done");

        browser.open(web.url("/jobs/" + job.uuid()));
        int runs = web.cairn().statistics().of(job.uuid(), 30).runs().size();
        assertThat(runs).isGreaterThanOrEqualTo(4);
        List<WebElement> durations = browser.driver().findElements(By.cssSelector("#chart-duration svg rect"));
        List<WebElement> sizes = browser.driver().findElements(By.cssSelector("#chart-stored svg rect"));
        assertThat(durations).hasSize(runs);
        assertThat(sizes).hasSize(runs);
        assertThat(browser.driver().findElements(By.cssSelector("#chart-stored svg rect.bar.failed"))).hasSize(1);
        assertThat(browser.find(By.cssSelector("#chart-stored svg rect.bar.failed title")).getAttribute("textContent"))
                .contains("failed", "nothing stored");
        // the run that stored the random bytes is the tallest bar, drawn to the chart's full height
        long largest = web.cairn().statistics().of(job.uuid(), 30).runs().stream()
                .mapToLong(dev.cairn.core.stats.BackupRun::storedBytes).max().orElseThrow();
        WebElement newest = sizes.stream().max(java.util.Comparator.comparingDouble(
                (WebElement r) -> Double.parseDouble(r.getAttribute("height")))).orElseThrow();
        assertThat(Double.parseDouble(newest.getAttribute("height"))).isEqualTo(RunChart.HEIGHT - 3.0);
        assertThat(newest.findElement(By.tagName("title")).getAttribute("textContent")).contains(Display.size(largest));
        assertThat(largest).isGreaterThan(300_000);
        assertThat(browser.find(By.id("success-30d")).getText()).matches("\\d+% \\(\\d+ of \\d+\\)");
        // drawn on the server, coloured by classes: nothing inline a content security policy would block
        assertThat(((JavascriptExecutor) browser.driver()).executeScript("return document.querySelectorAll("
                + "'#job-stats [style], #job-stats script, #job-stats [onclick], #job-stats [onload]').length")).isEqualTo(0L);
        assertThat(newest.getCssValue("fill")).as("the stylesheet colours a done run").isEqualTo("rgb(26, 127, 55)");
        browser.screenshot("job-charts");

        browser.open(web.url("/"));
        List<WebElement> spans = browser.driver().findElements(By.cssSelector("#timeline svg rect.span"));
        assertThat(spans.size()).isGreaterThanOrEqualTo(runs + 1);
        assertThat(browser.driver().findElements(By.cssSelector("#timeline svg rect.span.failed"))).isNotEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("#timeline svg rect.span.canceled"))).isNotEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("#timeline svg a[href^='/tasks/']"))).hasSize(spans.size());
        assertThat(((JavascriptExecutor) browser.driver()).executeScript(
                "return document.querySelectorAll('#timeline [style], #timeline script').length")).isEqualTo(0L);
        browser.screenshot("dashboard-timeline");
    }

    @Test
    @Order(18)
    void createsAndTestsANotificationChannel() throws Exception {
        java.util.List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("X-Cairn-Event"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            browser.open(web.url("/notifications"));
            assertThat(browser.find(By.cssSelector(".empty")).getText()).contains("No notification channels yet");
            browser.open(web.url("/notifications/new"));
            browser.find(By.name("name")).sendKeys("ops hook");
            browser.find(By.name("url")).sendKeys("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
            submit("#notification-form");
            // a webhook needs its signing secret: refused in place, what was typed kept
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".problem"), "config.secret"));
            assertThat(browser.find(By.name("name")).getAttribute("value")).isEqualTo("ops hook");
            browser.find(By.name("secret")).sendKeys("browser-secret");
            submit("#notification-form");
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "created"));
            assertThat(browser.find(By.id("channels")).getText()).contains("ops hook", "webhook", "task-failed, missed-backup");
            browser.find(By.xpath("//tr[td[normalize-space(text())='ops hook']]//button[normalize-space(text())='Test']")).click();
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Test notification sent"));
            assertThat(received).containsExactly("test");
            assertThat(browser.find(By.id("channels")).getText()).contains("sent");
            assertThat(browser.find(By.tagName("body")).getText()).doesNotContain("browser-secret");
            browser.screenshot("notifications");
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    @Order(19)
    void logsOut() {
        browser.open(web.url("/"));
        browser.find(By.cssSelector("form.logout button")).click();
        browser.await(ExpectedConditions.urlContains("/login"));
        browser.open(web.url("/jobs"));
        browser.await(ExpectedConditions.urlContains("/login"));
    }

    /** Presses Run now on the job's page and waits for the task to end as {@code status}. */
    private static void runFromItsPage(Job job, String status) {
        browser.open(web.url("/jobs/" + job.uuid()));
        browser.find(By.name("run")).click();
        browser.await(ExpectedConditions.urlContains("/tasks/"));
        browser.await(60, ExpectedConditions.attributeToBe(By.id("task-log"), "data-ended", "true"));
        assertThat(browser.find(By.id("task-status")).getText()).isEqualTo(status);
    }

    /** Picks {@code plugin} in the form's plugin list and waits for htmx to swap in its fields. */
    private static void choosePlugin(String plugin) {
        Select select = new Select(browser.find(By.name("plugin")));
        if (!select.getFirstSelectedOption().getAttribute("value").equals(plugin)) {
            WebElement old = browser.find(By.id("endpoint-fields")).findElements(By.xpath("./*")).stream().findFirst().orElse(null);
            select.selectByValue(plugin);
            if (old != null) {
                browser.await(ExpectedConditions.stalenessOf(old));
            }
        }
        browser.await(ExpectedConditions.attributeToBe(By.name("plugin"), "value", plugin));
    }

    /** Presses the form's "Test connection" and waits for the outcome to read {@code outcome}. */
    private static void testConnection(String outcome) {
        browser.find(By.xpath("//button[normalize-space(text())='Test connection']")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("connection-result"), outcome));
    }

    private static void submit(String form) {
        browser.find(By.cssSelector(form + " button[type=submit]")).click();
    }

    /** Presses {@code button} in the table row whose link reads {@code item}. */
    private static void pressInRow(String item, String button) {
        WebElement row = browser.find(By.xpath("//tr[.//a[normalize-space(text())='" + item + "']]"));
        row.findElement(By.xpath(".//button[normalize-space(text())='" + button + "']")).click();
    }

    private static By healthOf(String store) {
        return By.xpath("//tr[.//a[normalize-space(text())='" + store + "']]/td[starts-with(@id, 'health-')]");
    }

    private static void createFsStore(String name, Path path) {
        browser.open(web.url("/stores/new"));
        choosePlugin("fs");
        browser.find(By.name("name")).sendKeys(name);
        browser.find(By.name("endpoint.path")).sendKeys(path.toString());
        submit("#item-form");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Store '" + name + "' created."));
    }

    /** The stores the job form offers to copy to, as their checkboxes read. */
    private static List<String> copyChoices() {
        return browser.driver().findElements(By.cssSelector("#copies label.tick")).stream().map(WebElement::getText).toList();
    }

    private static WebElement copyBox(String store) {
        return browser.find(By.xpath("//fieldset[@id='copies']//label[contains(normalize-space(.), '" + store + "')]/input"));
    }

    private static UUID storeUuid(String name) {
        return web.cairn().catalog().stores().list(null, Usage.ANY).stream().filter(s -> s.name().equals(name))
                .findFirst().orElseThrow().uuid();
    }

    private static Job job(String name) {
        return web.cairn().catalog().jobs().list(JobFilter.ALL).stream().filter(j -> j.name().equals(name))
                .findFirst().orElseThrow();
    }
}
