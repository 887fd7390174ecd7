package io.sluice.api;

import java.util.ArrayList;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The API's package boundaries, checked against its production classes: packages by
 * feature under {@code io.sluice.api.job}, each on its own, and a web layer that nothing
 * but Spring calls (ADR 0031).
 */
@AnalyzeClasses(packages = "io.sluice.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	/** The job features: {@code job.submit}, {@code job.events}, and so on. */
	private static final String JOB_FEATURES = "io.sluice.api.job.*..";

	@ArchTest
	static final ArchRule packagesAreFreeOfCycles = slices().matching("io.sluice.api.(**)")
		.should()
		.beFreeOfCycles()
		.because("a cycle between the API's packages means none of them can be understood or changed alone");

	@ArchTest
	static final ArchRule jobFeaturesAreIndependent = slices().matching("io.sluice.api.job.(*)..")
		.should()
		.notDependOnEachOther()
		.because("each job feature (submit, events, history, metrics) changes on its own and shares only "
				+ "what io.sluice.api.job holds");

	@ArchTest
	static final ArchRule jobKnowsNothingOfItsFeatures = noClasses().that()
		.resideInAPackage("io.sluice.api.job")
		.should()
		.dependOnClassesThat()
		.resideInAPackage(JOB_FEATURES)
		.because("io.sluice.api.job holds what every job feature shares, so it cannot lean on any one of them");

	@ArchTest
	static final ArchRule jobFeaturesUseOnlyJobWebLimitAndCommon = classes().that()
		.resideInAPackage("io.sluice.api.job..")
		.should()
		.onlyDependOnClassesThat(resideOutsideOfPackage("io.sluice..").or(resideInAnyPackage("io.sluice.api.job..",
				"io.sluice.api.web..", "io.sluice.api.limit..", "io.sluice.api.album..", "io.sluice.common..")))
		.because("the job features build on the job model, the problem bodies, the owner's limits, the albums' "
				+ "owners and the shared contract, and on nothing else of Sluice's: not on security, the OpenAPI "
				+ "document or the application class");

	@ArchTest
	static final ArchRule albumsUseOnlyTheJobModelWebAndCommon = classes().that()
		.resideInAPackage("io.sluice.api.album..")
		.should()
		.onlyDependOnClassesThat(resideOutsideOfPackage("io.sluice..").or(resideInAnyPackage("io.sluice.api.album..",
				"io.sluice.api.job", "io.sluice.api.web..", "io.sluice.common..")))
		.because("album ownership (ADR 0032) sits beneath the job features, which check it when a job is "
				+ "submitted: it may cancel jobs through io.sluice.api.job, never reach into a job feature");

	@ArchTest
	static final ArchRule restControllersAreTheWebLayer = classes().that()
		.areAnnotatedWith(RestController.class)
		.should()
		.haveSimpleNameEndingWith("Controller")
		.andShould()
		.resideInAnyPackage("io.sluice.api.job..", "io.sluice.api.album", "io.sluice.api.web")
		.because("the web layer is a feature's *Controller classes (and the API-wide error page in "
				+ "io.sluice.api.web), so that a reader finds every endpoint of a feature in its package");

	@ArchTest
	static final ArchRule controllersAreRestControllers = classes().that()
		.haveSimpleNameEndingWith("Controller")
		.should()
		.beAnnotatedWith(RestController.class)
		.because("a class named *Controller serves HTTP and nothing else");

	@ArchTest
	static final ArchRule nothingButSpringCallsAController = noClasses().that()
		.areNotAnnotatedWith(RestControllerAdvice.class)
		.should()
		.dependOnClassesThat()
		.areAnnotatedWith(RestController.class)
		.because("a controller is an entry point for Spring MVC: logic another class needs (parsing a job id, "
				+ "say) belongs to the feature, not to a controller; only a feature's problem handler names its "
				+ "controllers, to scope itself to them");

	@ArchTest
	static final ArchRule problemHandlersLiveBesideTheirControllers = classes().that()
		.areAnnotatedWith(RestControllerAdvice.class)
		.should()
		.haveSimpleNameEndingWith("ProblemHandler")
		.andShould()
		.resideInAnyPackage("io.sluice.api.job..", "io.sluice.api.album")
		.orShould()
		.haveFullyQualifiedName("io.sluice.api.web.ApiExceptionHandler")
		.because("each feature answers its own failures from its own package; only the API-wide catch-all "
				+ "in io.sluice.api.web answers for every controller");

	@ArchTest
	static final ArchRule featureProblemHandlersAreScopedToTheirFeature = classes().that()
		.areAnnotatedWith(RestControllerAdvice.class)
		.and()
		.resideInAnyPackage("io.sluice.api.job..", "io.sluice.api.album")
		.should(beScopedToControllersOfTheirOwnPackage())
		.because("a feature's problem handler that answered for every controller would decide other "
				+ "features' responses");

	@ArchTest
	static final ArchRule apiNeverSeesTheWorker = noClasses().that()
		.resideInAPackage("io.sluice.api..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.sluice.worker..")
		.because("the API and the worker never see each other and share code only through sluice-common");

	@ArchTest
	static final ArchRule apiShipsNoFaultHooks = noClasses().that()
		.resideInAPackage("io.sluice.api..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.sluice.faults..")
		.because("the fault suite's hooks never ship in the API");

	@ArchTest
	static final ArchRule apiShipsNoTestInfrastructure = noClasses().that()
		.resideInAPackage("io.sluice.api..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.sluice.embedded..")
		.because("test infrastructure never ships in the API");

	/**
	 * A {@code @RestControllerAdvice} scoped by {@code assignableTypes} or
	 * {@code basePackageClasses} to classes of its own package only (a base package class
	 * also covers the packages under it), never by package names or annotations, which no
	 * compiler checks.
	 */
	private static ArchCondition<JavaClass> beScopedToControllersOfTheirOwnPackage() {
		return new ArchCondition<>("be scoped by assignableTypes or basePackageClasses to their own package") {

			@Override
			public void check(JavaClass handler, ConditionEvents events) {
				RestControllerAdvice advice = handler.getAnnotationOfType(RestControllerAdvice.class);
				if (advice.value().length > 0 || advice.basePackages().length > 0 || advice.annotations().length > 0) {
					events.add(SimpleConditionEvent.violated(handler, handler.getName()
							+ " is scoped by package names or annotations instead of assignableTypes or basePackageClasses"));
				}
				List<Class<?>> scope = new ArrayList<>(List.of(advice.assignableTypes()));
				scope.addAll(List.of(advice.basePackageClasses()));
				if (scope.isEmpty()) {
					events.add(SimpleConditionEvent.violated(handler,
							handler.getName() + " is not scoped, so it answers for every controller of the API"));
				}
				for (Class<?> target : scope) {
					if (!target.getPackageName().equals(handler.getPackageName())) {
						events.add(SimpleConditionEvent.violated(handler, handler.getName() + " is scoped to "
								+ target.getName() + ", outside its own package " + handler.getPackageName()));
					}
				}
			}

		};
	}

}
