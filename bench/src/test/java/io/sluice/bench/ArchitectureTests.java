package io.sluice.bench;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The benchmark's boundaries, checked against its production classes.
 */
@AnalyzeClasses(packages = "io.sluice.bench", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule theReportKnowsOnlyResults = noClasses().that()
		.resideInAPackage("io.sluice.bench.report..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.sluice.bench", "io.sluice.local..", "io.sluice.embedded..")
		.because("the report draws results that were already measured, so it can be redrawn from a saved "
				+ "report without running anything");

	@ArchTest
	static final ArchRule measuresTheProductFromOutside = noClasses().that()
		.resideInAPackage("io.sluice.bench..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.sluice.api..", "io.sluice.worker..", "io.sluice.faults..")
		.because("the benchmark measures Sluice over HTTP and SQL as a client would, so what it measures "
				+ "is what ships");

}
