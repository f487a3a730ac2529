package cn.shouwang.server.workbench;

import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.Role;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The left menu of ui.md, in one list. Each entry names the roles that see it; an entry is available only
 * when some controller answers GET on its path, so features not built yet stay hidden without anyone
 * remembering to switch them on. layout.html reads it as {@code @navigation.menu()}.
 */
@Component("navigation")
public class Navigation {

    /** The three groups of the menu: the mechanism itself, the registers beside it (专项业务), administration. */
    enum Group { MAIN, BESIDE, ADMIN }

    /** One menu entry: message key, path, group, who sees it. */
    record Entry(String key, String path, Group group, Set<Role> roles) {
        Entry(String key, String path, boolean admin, Set<Role> roles) {
            this(key, path, admin ? Group.ADMIN : Group.MAIN, roles);
        }
    }

    /** A visible menu item. */
    public record Item(String key, String path, boolean active) {}

    /** What one person sees: the main items, the 专项业务 group (modules beside the core), then 系统管理. */
    public record Menu(List<Item> main, List<Item> beside, List<Item> admin) {}

    private static final Set<Role> ALL = EnumSet.allOf(Role.class);
    // the grid worker (网格员/十户长) reports through visits: the workbench and 走访排查, nothing else in its menu
    private static final Set<Role> FIELD = EnumSet.complementOf(EnumSet.of(Role.DATA_OFFICER, Role.GRID_WORKER));
    private static final Set<Role> VISITS = EnumSet.complementOf(EnumSet.of(Role.DATA_OFFICER));
    private static final Set<Role> ANALYSTS = EnumSet.of(Role.ADMIN, Role.CITY_ANALYST, Role.COUNTY_ANALYST,
            Role.TOWNSHIP_STAFF);

    static final List<Entry> ENTRIES = List.of(
            new Entry("nav.workbench", "/", false, ALL),
            new Entry("nav.households", "/households", false, FIELD),
            new Entry("nav.householdImports", "/households/imports", false,
                    EnumSet.of(Role.ADMIN, Role.CITY_ANALYST, Role.COUNTY_ANALYST)),
            new Entry("nav.warnings", "/warnings", false, ANALYSTS),
            new Entry("nav.whatIf", "/what-if", false, EnumSet.of(Role.ADMIN, Role.CITY_ANALYST, Role.COUNTY_ANALYST)),
            new Entry("nav.uploads", "/uploads", false,
                    EnumSet.of(Role.ADMIN, Role.CITY_ANALYST, Role.COUNTY_ANALYST, Role.DATA_OFFICER)),
            new Entry("nav.leads", "/leads", false, FIELD),
            new Entry("nav.monitored", "/monitored", false, FIELD),
            new Entry("nav.formerlyPoorClasses", "/households/classes", false, FIELD),
            new Entry("nav.rechecks", "/rechecks", false, FIELD),
            new Entry("nav.assistance", "/assistance", false, FIELD),
            new Entry("nav.quality", "/quality", false, FIELD),
            new Entry("nav.elimination", "/elimination", false, FIELD),
            new Entry("nav.visits", "/visits", false, VISITS),
            new Entry("nav.reports", "/reports", false, ANALYSTS),
            // beside the core (issues 18 and 19): each appears once its module answers GET on the path
            new Entry("nav.insurance", "/insurance", Group.BESIDE, FIELD),
            new Entry("nav.socialAssistance", "/social-assistance", Group.BESIDE, FIELD),
            new Entry("nav.projects", "/projects", Group.BESIDE, FIELD),
            new Entry("nav.employment", "/employment", Group.BESIDE, FIELD),
            new Entry("nav.credit", "/credit", Group.BESIDE, FIELD),
            new Entry("nav.elderVisits", "/elder-visits", Group.BESIDE, FIELD),
            new Entry("nav.moralBank", "/moral-bank", Group.BESIDE, FIELD),
            new Entry("nav.villages", "/villages", Group.BESIDE, FIELD),
            new Entry("nav.accounts", "/admin/accounts", true, EnumSet.of(Role.ADMIN)),
            new Entry("nav.codes", "/admin/codes", true, EnumSet.of(Role.ADMIN)),
            new Entry("nav.classList", "/admin/formerly-poor-classes", true, EnumSet.of(Role.ADMIN)),
            new Entry("nav.incomeLines", "/admin/income-lines", true, EnumSet.of(Role.ADMIN)),
            new Entry("nav.caseworkSettings", "/admin/settings", true, EnumSet.of(Role.ADMIN)),
            new Entry("nav.words", "/admin/words", true, EnumSet.of(Role.ADMIN)),
            new Entry("nav.areaContacts", "/admin/area-contacts", true, EnumSet.of(Role.ADMIN)),
            new Entry("nav.areas", "/areas", true, EnumSet.of(Role.ADMIN, Role.CITY_ANALYST, Role.COUNTY_ANALYST)),
            new Entry("nav.audit", "/audit", true, EnumSet.of(Role.ADMIN, Role.CITY_ANALYST, Role.COUNTY_ANALYST)));

    private final ObjectProvider<RequestMappingHandlerMapping> mappings;
    private volatile List<Entry> available;

    Navigation(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    public Menu menu() {
        CurrentUser user = CurrentUsers.find();
        if (user == null) return new Menu(List.of(), List.of(), List.of());
        String uri = currentPath();
        return new Menu(items(Group.MAIN, user, uri), items(Group.BESIDE, user, uri), items(Group.ADMIN, user, uri));
    }

    private List<Item> items(Group group, CurrentUser user, String uri) {
        return available().stream().filter(e -> e.group() == group && e.roles().contains(user.role()))
                .map(e -> item(e, uri)).toList();
    }

    List<Entry> available() {
        List<Entry> a = available;
        if (a == null) {
            RequestMappingHandlerMapping m = mappings.getObject();
            a = ENTRIES.stream().filter(e -> answersGet(m, e.path())).toList();
            available = a;
        }
        return a;
    }

    private static boolean answersGet(RequestMappingHandlerMapping m, String path) {
        for (RequestMappingInfo info : m.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            if ((methods.isEmpty() || methods.contains(RequestMethod.GET))
                    && info.getPatternValues().contains(path)) {
                return true;
            }
        }
        return false;
    }

    private static Item item(Entry e, String uri) {
        boolean active = e.path().equals("/") ? uri.equals("/") : uri.startsWith(e.path());
        return new Item(e.key(), e.path(), active);
    }

    private static String currentPath() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes sra) {
            var r = sra.getRequest();
            return r.getRequestURI().substring(r.getContextPath().length());
        }
        return "";
    }
}
