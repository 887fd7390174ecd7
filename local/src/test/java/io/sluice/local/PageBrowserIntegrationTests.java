package io.sluice.local;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.sluice.common.db.UrlHash;
import io.sluice.embedded.DevTokens;
import io.sluice.embedded.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The page at {@code /} in a real headless Chromium, against the whole system as the
 * launcher runs it (PostgreSQL, Kafka, the API and two workers as processes). Uses
 * Debian's {@code chromium} and {@code chromium-driver}; skipped where they are not
 * installed. Selenium Manager never runs: both paths are given. The page runs under the
 * API's Content-Security-Policy (ADR 0034): the browser's log must hold no violation of
 * it.
 */
class PageBrowserIntegrationTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);

	@TempDir
	static Path directory;

	static LocalStack stack;

	static WebDriver browser;

	@BeforeAll
	static void start() {
		assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"needs " + CHROMIUM + " and " + CHROMEDRIVER + " (apt-get install chromium chromium-driver)");
		Path home = Path.of(System.getProperty("sluice.home", "..")).toAbsolutePath().normalize();
		stack = new LocalStack(
				LocalSettings.defaults(home, directory, DevTokens.randomSecret()).withApiPort(FreePorts.find()))
			.start();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,1400");
		// the console, where the browser reports Content-Security-Policy violations
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		browser = new ChromeDriver(service, options);
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.quit();
		}
		if (stack != null) {
			stack.close();
		}
	}

	@AfterEach
	void screenshot(TestInfo test) throws IOException {
		File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
		Path target = Path.of("target");
		Files.createDirectories(target);
		Files.copy(shot.toPath(), target.resolve("page-" + test.getTestMethod().orElseThrow().getName() + ".png"),
				StandardCopyOption.REPLACE_EXISTING);
	}

	@Test
	void importsTwoThousandGeneratedPhotosAndKeepsWatchingAfterAReload() throws IOException {
		openWithToken();
		assertThat(browser.getCurrentUrl()).as("the token is taken out of the address").doesNotContain("token");

		submitSample(randomAlbum(), 2_000);
		WebElement job = awaitJob(null);
		String id = job.getDomAttribute("data-job-id");
		awaitStatus(id, "COMPLETED");

		WebElement progress = jobItem(id).findElement(By.tagName("progress"));
		assertThat(progress.getDomProperty("value")).isEqualTo("2000");
		assertThat(progress.getDomProperty("max")).isEqualTo("2000");
		assertThat(jobItem(id).getText()).contains("100 %", "2,000 of 2,000 photos: 2,000 written");
		assertThat(browser.getCurrentUrl()).contains("jobs=" + id);
		assertThat(jobItem(id).getDomAttribute("data-following")).as("followed through the events stream, not polling")
			.isEqualTo("events");

		browser.navigate().refresh();
		awaitStatus(id, "COMPLETED");
		assertThat(jobItem(id).findElement(By.tagName("progress")).getDomProperty("value")).isEqualTo("2000");
		assertThat(contentSecurityPolicyViolations()).as("the browser's log").isEmpty();
		Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), Path.of("target/page.png"),
				StandardCopyOption.REPLACE_EXISTING);
	}

	/**
	 * Holds the job's last photo in flight (an uncommitted row with the same album and
	 * url), so the job is still running when cancel is clicked, however fast the rest
	 * lands.
	 */
	@Test
	void cancelsALargeJobWhileItRuns() throws Exception {
		long album = randomAlbum();
		openWithToken();
		try (Connection blocker = DriverManager.getConnection(stack.infrastructure().jdbcUrl(),
				stack.infrastructure().username(), stack.infrastructure().password())) {
			blocker.setAutoCommit(false);
			holdPhoto(blocker, album, "https://images.example.com/sample/" + album + "/99999.jpg");

			submitSample(album, 100_000);
			String id = awaitJob(null).getDomAttribute("data-job-id");
			wait(JOB_TIMEOUT).until((driver) -> "RUNNING".equals(jobItem(id).getDomAttribute("data-status"))
					&& Integer.parseInt(jobItem(id).findElement(By.tagName("progress")).getDomProperty("value")) > 0);

			jobItem(id).findElement(By.className("job-cancel")).click();

			awaitStatus(id, "CANCELLED");
			blocker.rollback();
			assertThat(jobItem(id).getText()).contains("cancelled");
			assertThat(browser.findElement(By.id("status")).getText()).contains("Job " + id + " cancelled.");
			assertThat(jobItem(id).findElement(By.className("job-cancel")).isEnabled()).isFalse();
		}
	}

	@Test
	void showsValidationErrorsInWords() {
		openWithToken();
		browser.findElement(By.id("source-paste")).click();
		WebElement urls = browser.findElement(By.id("urls"));
		urls.clear();
		urls.sendKeys("ftp://example.com/a.jpg First\nhttps://example.com/b.jpg Second\nnot-a-url");
		browser.findElement(By.id("submit")).click();

		WebElement status = browser.findElement(By.id("status"));
		wait(Duration.ofSeconds(30)).until((driver) -> status.getText().contains("Invalid job request"));
		assertThat(status.getText()).contains("breaks 2 rule(s)",
				"photo 1: url must use the http or https scheme, not 'ftp'",
				"photo 3: url must be an absolute http or https URL");
		assertThat(status.getDomAttribute("class")).contains("problem");
		assertThat(browser.findElements(By.cssSelector("li.job"))).isEmpty();
		assertThat(contentSecurityPolicyViolations()).as("the browser's log").isEmpty();
	}

	/**
	 * The policy is in force, not merely sent: an inline script is refused, and the
	 * refusal is in the browser's log where the other tests look for violations.
	 */
	@Test
	void refusesInlineScriptUnderItsContentSecurityPolicy() {
		openWithToken();
		contentSecurityPolicyViolations();

		Object ran = script().executeScript("""
				const inline = document.createElement('script');
				inline.textContent = 'window.inlineScriptRan = true;';
				document.head.append(inline);
				return window.inlineScriptRan === true;""");

		assertThat(ran).isEqualTo(false);
		wait(Duration.ofSeconds(10)).until((driver) -> !contentSecurityPolicyViolations().isEmpty());
	}

	/** Swagger UI runs under the same policy as the page. */
	@Test
	void showsTheApiDocumentInSwaggerUiUnderTheSamePolicy() {
		contentSecurityPolicyViolations();
		browser.get(stack.apiUrl() + "/swagger-ui.html");

		wait(Duration.ofSeconds(30)).until((driver) -> !driver.findElements(By.cssSelector(".opblock")).isEmpty());
		assertThat(browser.findElement(By.tagName("body")).getText()).contains("Sluice API", "/api/v1/jobs");
		assertThat(contentSecurityPolicyViolations()).as("the browser's log").isEmpty();
	}

	@Test
	void keepsTheTabsTokenWhenALinkWithAnotherIsDismissed() {
		openWithToken();
		String other = DevTokens.mint(stack.settings().jwtSecret(), "someone-else", Duration.ofHours(1));

		// notes the address the moment the page asks (WebDriver cannot look while it
		// asks)
		script().executeScript("""
				const ask = window.confirm.bind(window);
				window.confirm = (message) => { window.addressWhenAsked = location.href; return ask(message); };""");
		// a link opened in the tab that shows the page: only the hash changes
		script().executeScript("location.hash = arguments[0];", "token=" + other);
		Alert question = wait(Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent());
		assertThat(question.getText()).contains("different token");
		question.dismiss();
		assertThat((String) script().executeScript("return window.addressWhenAsked;"))
			.as("the token left the address before the question")
			.startsWith(stack.apiUrl())
			.doesNotContain("token");

		wait(Duration.ofSeconds(10))
			.until((driver) -> driver.findElement(By.id("status")).getText().contains("Kept the token"));
		assertThat(browser.findElement(By.id("token")).getDomProperty("value")).isEqualTo(stack.token());
		assertThat(script().executeScript("return sessionStorage.getItem('sluice.token');")).isEqualTo(stack.token());
		assertThat(browser.getCurrentUrl()).doesNotContain("token");
	}

	@Test
	void replacesTheTabsTokenWithALinksOnlyWhenTheUserAgrees() {
		openWithToken();
		String other = DevTokens.mint(stack.settings().jwtSecret(), "someone-else", Duration.ofHours(1));

		// a link that loads the page anew in the same tab
		script().executeScript("location.href = arguments[0];", stack.apiUrl() + "/index.html#token=" + other);
		Alert question = wait(Duration.ofSeconds(30)).until(ExpectedConditions.alertIsPresent());
		question.accept();

		wait(Duration.ofSeconds(10))
			.until((driver) -> driver.findElement(By.id("token")).getDomProperty("value").equals(other));
		assertThat(script().executeScript("return sessionStorage.getItem('sluice.token');")).isEqualTo(other);
		assertThat(browser.getCurrentUrl()).doesNotContain("token");
		assertThat(contentSecurityPolicyViolations()).as("the browser's log").isEmpty();
	}

	private static void openWithToken() {
		// a fresh page per test (forgetting the jobs an earlier test left in the
		// address),
		// then the launcher's link, which only changes the hash of that page
		browser.get(stack.apiUrl() + "/");
		// a tab that holds no token yet takes the link's without asking
		script().executeScript("sessionStorage.clear();");
		browser.get(stack.apiUrl() + "/#token=" + stack.token());
		wait(Duration.ofSeconds(30))
			.until((driver) -> driver.findElement(By.id("token")).getDomProperty("value").equals(stack.token()));
	}

	private static void submitSample(long album, int photos) {
		WebElement albumField = browser.findElement(By.id("album"));
		albumField.clear();
		albumField.sendKeys(String.valueOf(album));
		browser.findElement(By.id("source-sample")).click();
		WebElement count = browser.findElement(By.id("count"));
		count.clear();
		count.sendKeys(String.valueOf(photos));
		browser.findElement(By.id("submit")).click();
	}

	private static JavascriptExecutor script() {
		return (JavascriptExecutor) browser;
	}

	/**
	 * The Content-Security-Policy violations the browser logged since this was last
	 * called (reading the log empties it).
	 */
	private static List<String> contentSecurityPolicyViolations() {
		return browser.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.map(LogEntry::getMessage)
			.filter((message) -> message.contains("Content Security Policy"))
			.toList();
	}

	private static WebElement awaitJob(String id) {
		return wait(JOB_TIMEOUT).until((driver) -> driver.findElements(By.cssSelector("li.job"))
			.stream()
			.filter((job) -> id == null || id.equals(job.getDomAttribute("data-job-id")))
			.findFirst()
			.orElse(null));
	}

	private static WebElement jobItem(String id) {
		return browser.findElement(By.cssSelector("li.job[data-job-id='" + id + "']"));
	}

	private static void awaitStatus(String id, String status) {
		wait(JOB_TIMEOUT).until((driver) -> driver.findElements(By.cssSelector("li.job[data-job-id='" + id + "']"))
			.stream()
			.anyMatch((job) -> status.equals(job.getDomAttribute("data-status"))));
	}

	private static WebDriverWait wait(Duration timeout) {
		WebDriverWait wait = new WebDriverWait(browser, timeout);
		wait.ignoring(StaleElementReferenceException.class);
		return wait;
	}

	private static long randomAlbum() {
		return ThreadLocalRandom.current().nextLong(1, 1L << 40);
	}

	/** An uncommitted photo row that makes a worker inserting the same photo wait. */
	private static void holdPhoto(Connection connection, long album, String url) throws Exception {
		try (PreparedStatement insert = connection.prepareStatement(
				"INSERT INTO photo (album_id, url_hash, url, job_id) VALUES (?, ?, ?, gen_random_uuid())")) {
			insert.setLong(1, album);
			insert.setObject(2, UrlHash.of(url));
			insert.setString(3, url);
			insert.executeUpdate();
		}
	}

}
