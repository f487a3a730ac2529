package cn.shouwang.server.platform;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API's OpenAPI description (/api/v1/openapi.json) made true for the clients of department systems: a real
 * title and version, the two ways a script signs in (a personal API token as Bearer, or HTTP Basic) declared and
 * required on every operation, every error a handler or the security filters can answer documented with the one
 * error format the API uses (problem details, RFC 9457, {@code application/problem+json}), and the fields that can
 * be null marked nullable (from JSpecify's {@code @Nullable} on record components). {@code OpenApiContractTest}
 * lints the result and validates real answers of every /api endpoint against it.
 */
@Configuration(proxyBeanMethods = false)
class ApiDescription {
    static final String BEARER = "apiToken";
    static final String BASIC = "httpBasic";
    static final String PROBLEM = "Problem";
    /** The API contract's version (the path says v1; this changes when v1 gains operations or fields). */
    static final String VERSION = "1.1.0";

    /** A documented error: its status, the shared response's name and what it means. */
    record Error(String status, String name, String description) {}

    static final Error BAD_REQUEST = new Error("400", "BadRequest",
            "The request cannot be read: a parameter of the wrong type, broken JSON, a NUL character, an over-long "
                    + "query, an id number in the address, or a field that fails validation (errors: field → message)");
    static final Error UNAUTHORIZED = new Error("401", "Unauthorized",
            "No credentials, a wrong password, or an unknown, revoked or expired API token");
    static final Error FORBIDDEN = new Error("403", "Forbidden",
            "Signed in, but the account's role may not do this (a department data officer reaches only /uploads), "
                    + "or the change reaches beyond the account's own area");
    static final Error NOT_FOUND = new Error("404", "NotFound",
            "No such record, or one outside the account's area (answered alike, so that nothing leaks)");
    static final Error CONFLICT = new Error("409", "Conflict",
            "Someone saved the record after it was read (send the version you read), or the current file changed");
    static final Error PAYLOAD_TOO_LARGE = new Error("413", "PayloadTooLarge", "The uploaded file is larger than allowed");
    static final Error UNSUPPORTED = new Error("415", "UnsupportedMediaType", "The body is not of the type the operation takes");
    static final Error UNPROCESSABLE = new Error("422", "Unprocessable",
            "Read, but refused by a rule (a file that fails its checks, a period or area that does not fit, an "
                    + "account that may not be made); the detail says what and where, in the reader's language");
    static final Error TOO_MANY = new Error("429", "TooManyRequests",
            "Too many failed sign-ins from this address or for this account; Retry-After says when to try again");
    static final Error UNAVAILABLE = new Error("503", "ServiceUnavailable",
            "The database cannot be reached; try again later");

    static final List<Error> ERRORS = List.of(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT,
            PAYLOAD_TOO_LARGE, UNSUPPORTED, UNPROCESSABLE, TOO_MANY, UNAVAILABLE);

    @Bean
    OpenApiCustomizer shouwangApiDescription() {
        return ApiDescription::describe;
    }

    /** Marks the record components (and fields) annotated {@code @Nullable} as nullable in their schemas. */
    @Bean
    ModelConverter nullableComponents() {
        return new NullableComponents();
    }

    static void describe(OpenAPI api) {
        api.info(new Info().title("Shouwang API (守望 防止返贫动态监测和帮扶)").version(VERSION)
                .description("""
                        The API for scripts and department systems: the registry (households, members, assets), \
                        department files (upload and their checks), comparison runs (start and poll) and their \
                        warnings, and account administration. Every call is scoped to the account's area exactly \
                        like the pages: a record outside it answers 404. Personal values come masked; the reveal \
                        operations return one value at a time and are audited. Sign in with a personal API token \
                        (made at 账号 › API 令牌, /account/tokens, sent as `Authorization: Bearer sw_…`) or with HTTP Basic. \
                        Every error is a problem detail (RFC 9457, application/problem+json). See docs/api.md.""")
                .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")));
        // relative: the description is right behind any proxy or context path it is served from
        api.servers(List.of(new Server().url("/").description("This server")));
        Components c = api.getComponents() == null ? new Components() : api.getComponents();
        api.components(c);
        c.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("sw_ + 43 characters (personal API token)")
                .description("A personal API token: 账号 › API 令牌 (/account/tokens). Revoked when an administrator resets the "
                        + "account's password or changes its role or area"));
        c.addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("Account name and password (each request checks the password: prefer a token)"));
        // either scheme: two alternatives
        api.security(List.of(new SecurityRequirement().addList(BEARER), new SecurityRequirement().addList(BASIC)));
        c.addSchemas(PROBLEM, problemSchema());
        for (Error e : ERRORS) {
            c.addResponses(e.name(), new ApiResponse().description(e.description())
                    .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
        }
        if (api.getPaths() == null) return;
        for (Map.Entry<String, PathItem> p : api.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> o : p.getValue().readOperationsMap().entrySet()) {
                errors(p.getKey(), o.getKey(), o.getValue());
            }
        }
        // a stable order: tags by name, so that a generated client's files do not move between builds
        if (api.getTags() != null) {
            api.getTags().sort(java.util.Comparator.comparing(io.swagger.v3.oas.models.tags.Tag::getName));
        }
        if (c.getSchemas() != null) c.setSchemas(new java.util.LinkedHashMap<>(new TreeMap<>(c.getSchemas())));
    }

    /** The errors an operation can answer, from what it takes: every one 400, 401, 403, 429 and 503. */
    private static void errors(String path, PathItem.HttpMethod method, Operation op) {
        ApiResponses rs = op.getResponses() == null ? new ApiResponses() : op.getResponses();
        op.setResponses(rs);
        boolean pathId = op.getParameters() != null && op.getParameters().stream().anyMatch(x -> "path".equals(x.getIn()));
        boolean write = method != PathItem.HttpMethod.GET;
        boolean body = op.getRequestBody() != null;
        boolean multipart = body && op.getRequestBody().getContent() != null
                && op.getRequestBody().getContent().containsKey("multipart/form-data");
        add(rs, BAD_REQUEST);
        add(rs, UNAUTHORIZED);
        add(rs, FORBIDDEN);
        // a search by id number in the body finds nothing in the area: 404 like a record
        if (pathId || path.endsWith("/members/search")) add(rs, NOT_FOUND);
        if (write) add(rs, CONFLICT);
        if (multipart) add(rs, PAYLOAD_TOO_LARGE);
        if (body) add(rs, UNSUPPORTED);
        if (write) add(rs, UNPROCESSABLE);
        add(rs, TOO_MANY);
        add(rs, UNAVAILABLE);
        // successes first, then the errors by code
        ApiResponses sorted = new ApiResponses();
        rs.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> sorted.addApiResponse(e.getKey(), e.getValue()));
        op.setResponses(sorted);
    }

    private static void add(ApiResponses rs, Error e) {
        rs.putIfAbsent(e.status(), new ApiResponse().$ref("#/components/responses/" + e.name()));
    }

    /** RFC 9457 problem details as every error of the API comes; extra members carry the specifics. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static Schema<?> problemSchema() {
        Schema errors = new ObjectSchema().additionalProperties(new StringSchema())
                .description("Per field (or 'body', 'form'): the message in the reader's language");
        errors.setNullable(true);
        Schema detail = new StringSchema().description("What went wrong, in words (Chinese unless Accept-Language asks for English)");
        detail.setNullable(true);
        Schema instance = new StringSchema().format("uri-reference").description("The request's path");
        instance.setNullable(true);
        Schema field = new StringSchema().description("The field a refusal is about");
        field.setNullable(true);
        Schema search = new StringSchema().description("Where an id number belongs instead (POST …/search)");
        search.setNullable(true);
        return new ObjectSchema().description("A problem detail (RFC 9457)")
                .addProperty("type", new StringSchema().format("uri-reference")._default("about:blank"))
                .addProperty("title", new StringSchema().description("The status's short name"))
                .addProperty("status", new IntegerSchema().format("int32"))
                .addProperty("detail", detail)
                .addProperty("instance", instance)
                .addProperty("errors", errors)
                .addProperty("field", field)
                .addProperty("search", search)
                .required(List.of("title", "status"))
                .additionalProperties(Boolean.TRUE);
    }

    /** Swagger's model resolution, then {@code nullable: true} on each property whose component is {@code @Nullable}. */
    static final class NullableComponents implements ModelConverter {
        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
            Schema resolved = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
            if (resolved == null || type.getType() == null) return resolved;
            Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
            if (raw == null || !raw.getName().startsWith("cn.shouwang.")) return resolved;
            Schema model = resolved;
            if (resolved.get$ref() != null) {
                String name = resolved.get$ref().substring(resolved.get$ref().lastIndexOf('/') + 1);
                model = context.getDefinedModels().get(name);
            }
            if (model == null || model.getProperties() == null) return resolved;
            Map<String, Schema> props = model.getProperties();
            for (Map.Entry<String, AnnotatedElement> m : nullables(raw).entrySet()) {
                Schema p = props.get(m.getKey());
                if (p == null) continue;
                if (p.get$ref() != null) {
                    // nullable beside $ref is ignored (OpenAPI 3.0): wrap it
                    Schema wrapped = new Schema().allOf(List.of(new Schema().$ref(p.get$ref())));
                    wrapped.setNullable(true);
                    props.put(m.getKey(), wrapped);
                } else {
                    p.setNullable(true);
                }
            }
            return resolved;
        }

        /** The record components or instance fields of {@code type} that are {@code @Nullable}, by name. */
        static Map<String, AnnotatedElement> nullables(Class<?> type) {
            Map<String, AnnotatedElement> out = new java.util.LinkedHashMap<>();
            if (type.isRecord()) {
                for (RecordComponent rc : type.getRecordComponents()) {
                    if (nullable(rc.getAnnotatedType()) || nullable(rc)) out.put(rc.getName(), rc);
                }
            } else {
                for (Field f : type.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers())) continue;
                    if (nullable(f.getAnnotatedType()) || nullable(f)) out.put(f.getName(), f);
                }
            }
            return out;
        }

        private static boolean nullable(AnnotatedElement e) {
            for (var a : e.getAnnotations()) {
                if (a.annotationType().getSimpleName().equals("Nullable")) return true;
            }
            return false;
        }
    }
}
