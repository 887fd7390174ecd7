# syntax=docker/dockerfile:1
#
# One image recipe for both services (ADR 0028):
#   docker build --build-arg MODULE=api    -t sluice-api .
#   docker build --build-arg MODULE=worker -t sluice-worker .
# docker-compose.yml builds both. The build stage compiles the module with the Maven wrapper;
# the runtime stage is a JRE with the Spring Boot jar extracted into its layers (dependencies
# first, the application last), run as an unprivileged user.

ARG MODULE=api

FROM eclipse-temurin:17.0.19_10-jdk-noble AS build
ARG MODULE
WORKDIR /src
COPY . .
# The Maven repository is a build cache, so a rebuild downloads nothing it already has. Tests
# are not run here (./mvnw verify runs them, on real PostgreSQL and Kafka).
RUN --mount=type=cache,target=/root/.m2 \
	case "${MODULE}" in api|worker) ;; *) echo "MODULE must be api or worker, not '${MODULE}'" >&2; exit 1 ;; esac \
	&& ./mvnw -B -q -pl "${MODULE}" -am -Dmaven.test.skip=true package \
	&& cp "${MODULE}"/target/sluice-"${MODULE}"-*-exec.jar /application.jar \
	&& java -Djarmode=tools -jar /application.jar extract --layers --destination /extracted

FROM eclipse-temurin:17.0.19_10-jre-noble
ARG MODULE
RUN groupadd --system --gid 10001 sluice \
	&& useradd --system --uid 10001 --gid sluice --home-dir /app --no-create-home --shell /usr/sbin/nologin sluice
WORKDIR /app
# Least to most often changed, so a code change rebuilds only the last layer.
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
# The health probe docker-compose.yml runs: bash and /dev/tcp, no curl needed (ADR 0028).
COPY --chmod=755 ops/docker/sluice-probe /usr/local/bin/sluice-probe
LABEL org.opencontainers.image.title="sluice-${MODULE}"
USER sluice:sluice
# Heap from the container's memory limit, not the host's; a JVM out of memory exits so that the
# container restarts instead of limping on. Override with JDK_JAVA_OPTIONS.
ENV JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError"
# api: 8080 (the API, /livez, /readyz) and 8081 (the actuator); worker: 8082 (/livez, /readyz)
# and 8083 (the actuator). Publish only the API's 8080 (docs/adr/0034).
EXPOSE 8080 8081 8082 8083
# Exec form: java is PID 1 and gets SIGTERM itself, so Spring Boot's graceful shutdown runs.
ENTRYPOINT ["java", "-jar", "/app/application.jar"]
