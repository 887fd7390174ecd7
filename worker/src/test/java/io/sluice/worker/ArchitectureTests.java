package io.sluice.worker;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The worker's package boundaries, checked against its production classes.
 */
@AnalyzeClasses(packages = "io.sluice.worker", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule packagesAreFreeOfCycles = slices().matching("io.sluice.worker.(*)..")
		.should()
		.beFreeOfCycles()
		.because("a cycle between the worker's packages means none of them can be understood or changed alone");

	@ArchTest
	static final ArchRule writeKnowsNothingOfIntake = noClasses().that()
		.resideInAPackage("io.sluice.worker.write..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.sluice.worker.intake..")
		.because("writing a chunk knows nothing of how the chunk was consumed");

	@ArchTest
	static final ArchRule budgetKnowsNothingOfIntake = noClasses().that()
		.resideInAPackage("io.sluice.worker.budget..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.sluice.worker.intake..")
		.because("the connection budget serves every kind of work, not only the consumption of chunks");

	@ArchTest
	static final ArchRule reconcileKnowsNothingOfWrite = noClasses().that()
		.resideInAPackage("io.sluice.worker.reconcile..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.sluice.worker.write..")
		.because("the reconciler reads what was written and never takes part in writing it");

	@ArchTest
	static final ArchRule workerNeverSeesTheApi = noClasses().that()
		.resideInAPackage("io.sluice.worker..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.sluice.api..")
		.because("the API and the worker never see each other and share code only through sluice-common");

	@ArchTest
	static final ArchRule workerShipsNoFaultHooks = noClasses().that()
		.resideInAPackage("io.sluice.worker..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.sluice.faults..")
		.because("the fault suite's hooks never ship in the worker");

	@ArchTest
	static final ArchRule workerShipsNoTestInfrastructure = noClasses().that()
		.resideInAPackage("io.sluice.worker..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.sluice.embedded..")
		.because("test infrastructure never ships in the worker");

}
