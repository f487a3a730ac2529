package cn.shouwang.server.workbench;

import cn.shouwang.server.access.AreaInfo;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.AreaSelector;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.casework.CaseworkApi;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.screening.ScreeningApi;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * 工作台: the first page after sign-in — who I am, which area I am looking at, my to-dos (the cases waiting for
 * my role's step, most urgent first, overdue in red) and the figures of the area in view. Every figure is read
 * for the area in view, which the selector keeps inside the account's scope.
 */
@Controller
class WorkbenchController {
    static final int TODO_LIMIT = 20;

    private final AreaSelector areaSelector;
    private final Navigation navigation;
    private final HouseholdApi households;
    private final CaseworkApi casework;
    private final ScreeningApi screening;
    private final AreaApi areas;
    private final Clock clock;

    WorkbenchController(AreaSelector areaSelector, Navigation navigation, HouseholdApi households, CaseworkApi casework,
                        ScreeningApi screening, AreaApi areas, Clock clock) {
        this.areas = areas;
        this.clock = clock;
        this.areaSelector = areaSelector;
        this.navigation = navigation;
        this.households = households;
        this.casework = casework;
        this.screening = screening;
    }

    /** A household's warnings to check, with the days left (negative: overdue) and its village's name. */
    record Check(ScreeningApi.AssignedTodo todo, long daysLeft, String villageName) {}

    /** One row of the leads-per-area chart and table: open leads of a child area and the overdue ones among them. */
    record Bar(String code, String name, long open, long overdue) {}

    @GetMapping("/")
    String workbench(Model model) {
        CurrentUser user = CurrentUsers.require();
        AreaSelector.View view = areaSelector.view();
        model.addAttribute("user", user)
                .addAttribute("area", view)
                .addAttribute("menu", navigation.menu())
                .addAttribute("below", areaSelector.countsBelowView());
        // a department data officer uploads files and sees no households, leads or warnings
        if (user.role() != Role.DATA_OFFICER) {
            AreaScope area = CurrentUsers.viewScope();
            CaseworkApi.Workbench w = casework.workbench(area, user.role(), TODO_LIMIT);
            model.addAttribute("registry", households.counts(area))
                    .addAttribute("cases", w)
                    .addAttribute("bars", bars(w.leadsByChildArea(), view == null ? List.of() : view.children()))
                    .addAttribute("villageNames", villageNames(w.todos()));
            if (user.role() != Role.VILLAGE_MONITOR && user.role() != Role.GRID_WORKER) {
                model.addAttribute("warnings", screening.latestWarnings(area));
            }
            // 脱贫户分类 by class and 有序退出复核: the same counts as their lists, which the figures link to
            model.addAttribute("classes", households.classFigures(area,
                    org.springframework.context.i18n.LocaleContextHolder.getLocale()));
            model.addAttribute("rechecks", casework.recheckFigures(area));
            // warnings sent to this area (or below) for checking: the township's and village's to-dos
            if (user.role() == Role.TOWNSHIP_STAFF || user.role() == Role.VILLAGE_MONITOR) {
                ScreeningApi.Assigned a = screening.assigned(area, TODO_LIMIT);
                LocalDate today = LocalDate.now(clock);
                model.addAttribute("checks", a).addAttribute("checkTodos", a.todos().stream()
                        .map(t -> new Check(t, ChronoUnit.DAYS.between(today, t.due()),
                                areas.find(t.villageCode()).map(x -> x.shortName()).orElse(t.villageCode()))).toList());
            }
        }
        return "workbench/index";
    }

    private Map<String, String> villageNames(List<CaseworkApi.Todo> todos) {
        Map<String, String> names = new HashMap<>();
        for (CaseworkApi.Todo t : todos) {
            names.computeIfAbsent(t.villageCode(), c -> areas.find(c).map(a -> a.shortName()).orElse(c));
        }
        return names;
    }

    static List<Bar> bars(List<CaseworkApi.AreaLeads> counts, List<AreaInfo> children) {
        Map<String, String> names = new HashMap<>();
        for (AreaInfo c : children) names.put(c.code(), c.name());
        List<Bar> bars = new ArrayList<>();
        for (CaseworkApi.AreaLeads c : counts) {
            bars.add(new Bar(c.areaCode(), names.getOrDefault(c.areaCode(), c.areaCode()), c.open(), c.overdue()));
        }
        return bars;
    }

    /** A first start on an empty database says, on the sign-in page, to import the division codes first, and how. */
    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("noAreas", areas.currentEdition().isEmpty());
        return "login";
    }
}
