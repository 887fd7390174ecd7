package io.sluice.faults;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The fault hooks' boundaries, checked against the classes that are put on a worker's
 * class path.
 */
@AnalyzeClasses(packages = "io.sluice.faults", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule hooksEnterFromOutsideTheProduct = noClasses().that()
		.resideInAPackage("io.sluice.faults.hook..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.sluice.api..", "io.sluice.worker..", "io.sluice.common..")
		.because("a fault hook wraps the JDBC driver, as the outside world would break it (ADR 0020), "
				+ "and never reaches into the product's classes");

}
