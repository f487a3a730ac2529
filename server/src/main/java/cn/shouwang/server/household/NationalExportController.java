package cn.shouwang.server.household;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.platform.XlsxWriter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * 导出全国系统人口名单 from the list page. A village's list is small and downloads at once
 * ({@code GET /households/export/national}, HouseholdController); a township's or a county's runs as a job
 * ({@link NationalExportJobs}) whose page shows a progress bar with counts, polled by htmx, and then the download.
 * A job is its asker's alone: anyone else gets 404 for its page and its file.
 */
@Controller
class NationalExportController {
    private final NationalExportJobs jobs;
    private final NationalExport national;
    private final AreaApi areas;
    private final Forms forms;
    private final Clock clock;

    NationalExportController(NationalExportJobs jobs, NationalExport national, AreaApi areas, Forms forms, Clock clock) {
        this.jobs = jobs;
        this.national = national;
        this.areas = areas;
        this.forms = forms;
        this.clock = clock;
    }

    /** The area asked for, inside the one in view (else 404, like any out-of-scope address). */
    static AreaScope target(@Nullable String area) {
        AreaScope view = CurrentUsers.viewScope();
        if (area == null || area.isBlank()) return view;
        if (!area.matches("\\d{12}") || !view.covers(area)) throw new Registry.NotFound();
        return new AreaScope(area);
    }

    /** The income year asked for when it is one the registry can hold, else the area's latest. */
    int year(AreaScope target, @Nullable Integer year) {
        return year != null && year >= Registry.FIRST_INCOME_YEAR && year <= LocalDate.now(clock).getYear()
                ? year : national.defaultYear(target);
    }

    /** The file's name as the user reads it: 梨树县_人口名单_2026-12-07. */
    String fileName(AreaScope target) {
        String name = areas.find(target.areaCode()).map(a -> a.shortName()).orElse(target.areaCode());
        return forms.message("registry.national.fileName", name, LocalDate.now(clock).toString());
    }

    @PostMapping("/households/export/national")
    String start(@RequestParam(required = false) @Nullable String area, @RequestParam(required = false) @Nullable Integer year) {
        AreaScope target = target(area);
        if (target.level() == 5) {
            // one village: a few hundred rows, written while the browser waits
            return "redirect:" + UriComponentsBuilder.fromPath("/households/export/national")
                    .queryParam("area", target.areaCode()).queryParamIfPresent("year", java.util.Optional.ofNullable(year))
                    .build().toUriString();
        }
        long id = jobs.start(CurrentUsers.require(), target, year(target, year), fileName(target));
        return "redirect:/households/export/national/jobs/" + id;
    }

    private NationalExportJobs.Job job(long id) {
        return jobs.find(id, CurrentUsers.require()).orElseThrow(Registry.NotFound::new);
    }

    @GetMapping("/households/export/national/jobs/{id}")
    String show(@PathVariable long id, Model model) {
        NationalExportJobs.Job j = job(id);
        model.addAttribute("job", j);
        model.addAttribute("areaName", areas.find(j.areaCode()).map(a -> a.name()).orElse(j.areaCode()));
        return "household/national-export";
    }

    /** The progress bar's poll: the bar while running, and a full reload (HX-Refresh) once the job is done. */
    @GetMapping("/households/export/national/jobs/{id}/progress")
    String progress(@PathVariable long id, Model model, HttpServletResponse response) {
        NationalExportJobs.Job j = job(id);
        model.addAttribute("job", j);
        if (!j.state().running()) response.setHeader("HX-Refresh", "true");
        return "household/national-export :: progress";
    }

    /** The file, once; afterwards (or for anyone but its asker) 404. */
    @GetMapping("/households/export/national/jobs/{id}/file")
    void file(@PathVariable long id, HttpServletResponse response) throws IOException {
        NationalExportJobs.Job j = job(id);
        if (j.state() != NationalExportJobs.State.READY) throw new Registry.NotFound();
        XlsxWriter.attachment(response, j.fileName() + ".xlsx");
        if (!jobs.download(j, response.getOutputStream())) throw new Registry.NotFound();
    }
}
