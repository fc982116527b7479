# One image recipe for every nodeward service: `docker build --build-arg MODULE=issuer-service .`
# Build stage: the whole reactor once (modules share events-schema and service-kit), tests are CI's job.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY events-schema events-schema
COPY embedded-kafka embedded-kafka
COPY service-kit service-kit
COPY dev-identity dev-identity
COPY issuer-service issuer-service
COPY authorizer-service authorizer-service
COPY audit-service audit-service
COPY console console
COPY stack stack
COPY bench bench
RUN mvn -B -q -Pdist -DskipTests -pl events-schema,embedded-kafka,service-kit,dev-identity,issuer-service,authorizer-service,audit-service,console -am install

FROM eclipse-temurin:17-jre
ARG MODULE
RUN useradd --system --uid 10001 --home-dir /var/lib/nodeward nodeward \
 && mkdir -p /var/lib/nodeward && chown nodeward /var/lib/nodeward
COPY --from=build /src/${MODULE}/target/${MODULE}-all.jar /opt/nodeward/service.jar
USER nodeward
WORKDIR /var/lib/nodeward
ENV NODEWARD_DATA_DIR=/var/lib/nodeward
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/nodeward/service.jar"]
