package cn.shouwang.client;

import cn.shouwang.client.api.AccountsApi;
import cn.shouwang.client.api.RegistryApi;
import cn.shouwang.client.api.ScreeningApi;
import cn.shouwang.client.model.HouseholdRow;
import cn.shouwang.client.model.Me;
import cn.shouwang.client.model.PageHouseholdRow;
import cn.shouwang.client.model.RunJson;
import cn.shouwang.client.model.StartRun;
import cn.shouwang.client.model.UploadJson;
import cn.shouwang.client.model.WarningJson;
import cn.shouwang.client.model.WarningPage;
import java.io.File;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A department system's script, written against the client openapi-generator made from the served description
 * (GeneratedClientTest compiles it with the generated sources and runs it): only the generated classes talk to the
 * server. What it saw is returned for the test's assertions.
 */
public final class ClientScript {
    private ClientScript() {}

    public static Map<String, Object> run(String server, String token, String village, String period, File file)
            throws Exception {
        URI uri = URI.create(server);
        ApiClient client = new ApiClient().setScheme(uri.getScheme()).setHost(uri.getHost()).setPort(uri.getPort())
                .setRequestInterceptor(b -> b.header("Authorization", "Bearer " + token));
        Map<String, Object> out = new LinkedHashMap<>();

        Me me = new AccountsApi(client).getMe();
        out.put("me.role", me.getRole().getValue());

        // GET /api/v1/households with its query parameters
        RegistryApi registry = new RegistryApi(client);
        PageHouseholdRow page = registry.listHouseholds(RegistryApi.APIListHouseholdsRequest.newBuilder()
                .area(village).formerlyPoor(false).sort("village").dir("asc").page(1).size(5).build());
        out.put("households.total", page.getTotal());
        out.put("households.rows", page.getRows().size());
        out.put("households.villages", page.getRows().stream().map(HouseholdRow::getVillageCode).distinct().toList());

        // a department file: multipart upload with its kind and month
        ScreeningApi screening = new ScreeningApi(client);
        UploadJson upload = screening.uploadFile("MAJOR_DIAGNOSES", period, file);
        out.put("upload.state", upload.getState().getValue());
        out.put("upload.rows", upload.getRows());

        // a comparison run, polled to its end, and its warnings
        RunJson run = screening.startRun(new StartRun().period(period));
        long until = System.currentTimeMillis() + 300_000;
        while (run.getStatus() == RunJson.StatusEnum.RUNNING && System.currentTimeMillis() < until) {
            Thread.sleep(500);
            run = screening.getRun(run.getId());
        }
        out.put("run.status", run.getStatus().getValue());
        WarningPage warnings = screening.listRunWarnings(ScreeningApi.APIListRunWarningsRequest.newBuilder()
                .id(run.getId()).rule("MAJOR_DIAGNOSIS").status("ALL").page(1).size(20).build());
        out.put("warnings.total", warnings.getTotal());
        out.put("warnings.households", warnings.getRows().stream().map(WarningJson::getHouseholdId).toList());

        // an error arrives as the client's exception with the problem's status
        try {
            screening.getRun(Long.MAX_VALUE);
            out.put("problem.status", 200);
        } catch (ApiException e) {
            out.put("problem.status", e.getCode());
        }
        return out;
    }
}
