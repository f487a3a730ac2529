package cn.shouwang.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.AccessFixtures;
import cn.shouwang.server.household.RegistryFixtures;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.openapitools.codegen.DefaultGenerator;
import org.openapitools.codegen.config.CodegenConfigurator;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 15 point 9: a client generated from the description the server serves can do what a department system does.
 * The test fetches {@code /api/v1/openapi.json} from the running server, generates a Java client from it with
 * openapi-generator (generator "java", library "native": java.net.http and Jackson), compiles the generated sources
 * together with {@code ClientScript.java} (test resources) — a program that uses the generated classes only — and runs
 * it: it signs in with a personal API token, lists households with query parameters, uploads a department file, starts
 * a comparison run, polls it to completion and reads its warnings. A description a generator cannot turn into a
 * working client fails here: at generation, at compilation (the script is typed against the generated classes), or at
 * a call.
 */
class GeneratedClientTest extends ServerTest {
    static final String VILLAGE = "220322103205";
    static final String PERIOD = "2038-05";   // a month no other test of the shared server uploads for

    @Autowired AccessFixtures access;
    @Autowired RegistryFixtures registry;

    @Test
    @SuppressWarnings("unchecked")
    void aGeneratedJavaClientListsHouseholdsUploadsAFileAndRunsAComparison() throws Exception {
        Path dir = Path.of("target", "generated-client").toAbsolutePath();
        deleteTree(dir);
        Files.createDirectories(dir);
        HttpResponse<String> spec = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/openapi.json"))
                .header("Authorization", "Bearer " + access.apiToken("county")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(spec.statusCode()).isEqualTo(200);
        Path specFile = dir.resolve("openapi.json");
        Files.writeString(specFile, spec.body());

        // ---- generate
        CodegenConfigurator cfg = new CodegenConfigurator()
                .setGeneratorName("java").setLibrary("native")
                .setInputSpec(specFile.toString()).setOutputDir(dir.resolve("client").toString())
                .setInvokerPackage("cn.shouwang.client").setApiPackage("cn.shouwang.client.api")
                .setModelPackage("cn.shouwang.client.model")
                .addAdditionalProperty("openApiNullable", false)
                .addAdditionalProperty("useJakartaEe", true)
                .addAdditionalProperty("hideGenerationTimestamp", true)
                .addAdditionalProperty("useSingleRequestParameter", true);
        cfg.setValidateSpec(true);
        List<File> generated = new DefaultGenerator().opts(cfg.toClientOptInput()).generate();
        assertThat(generated).as("generated files").isNotEmpty();

        // ---- compile the generated sources and the script against them
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir.resolve("client").resolve("src").resolve("main").resolve("java"))) {
            s.filter(p -> p.toString().endsWith(".java")).forEach(sources::add);
        }
        Path script = dir.resolve("script").resolve("cn").resolve("shouwang").resolve("client").resolve("ClientScript.java");
        Files.createDirectories(script.getParent());
        try (InputStream in = GeneratedClientTest.class.getResourceAsStream("generated-client/ClientScript.java")) {
            assertThat(in).as("ClientScript.java in the test resources").isNotNull();
            Files.copy(in, script);
        }
        sources.add(script);
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(null, files, diagnostics,
                    List.of("-d", classes.toString(), "-classpath", classpath, "--release", "17", "-proc:none", "-nowarn",
                            "-encoding", "UTF-8"),
                    null, files.getJavaFileObjectsFromPaths(sources)).call();
            assertThat(ok).as("the generated client and the script compile: %s", diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR).limit(20)
                    .map(d -> d.getSource() == null ? d.getMessage(null)
                            : Path.of(d.getSource().toUri()).getFileName() + ":" + d.getLineNumber() + " " + d.getMessage(null))
                    .toList()).isTrue();
        }

        // ---- run the script: a department system's calls
        String idNumber = registry.newIdNumber("220322");
        long household = registry.household(VILLAGE).head("生成客户端户").idNumber(idNumber).insert();
        Path file = dir.resolve("大病.csv");
        Files.writeString(file, "身份证号,确诊日期,疾病\n" + idNumber + "," + PERIOD + "-03,肺癌\n", StandardCharsets.UTF_8);
        String token = access.apiToken("county");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                GeneratedClientTest.class.getClassLoader())) {
            Class<?> c = loader.loadClass("cn.shouwang.client.ClientScript");
            @SuppressWarnings("unchecked")
            Map<String, Object> out = (Map<String, Object>) c.getMethod("run", String.class, String.class, String.class,
                    String.class, File.class).invoke(null, "http://localhost:" + port, token, VILLAGE, PERIOD, file.toFile());
            System.out.println("generated client: " + out);
            assertThat(out.get("me.role")).isEqualTo("COUNTY_ANALYST");
            assertThat((Long) out.get("households.total")).isPositive();
            assertThat(out.get("households.villages")).isEqualTo(List.of(VILLAGE));
            assertThat((Integer) out.get("households.rows")).isBetween(1, 5);
            assertThat(out.get("upload.state")).isEqualTo("CURRENT");
            assertThat(out.get("upload.rows")).isEqualTo(1L);
            assertThat(out.get("run.status")).isEqualTo("DONE");
            assertThat((Long) out.get("warnings.total")).isGreaterThanOrEqualTo(1L);
            assertThat((List<Object>) out.get("warnings.households")).contains((Object) household);
            assertThat(out.get("problem.status")).isEqualTo(404);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
