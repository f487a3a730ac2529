package cn.shouwang.server.projects;

import cn.shouwang.server.platform.VillageFigures;
import cn.shouwang.server.projects.asset.Assets;
import cn.shouwang.server.projects.dividend.Dividends;
import cn.shouwang.server.projects.project.Projects;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The village page's lines (一村一档): the village's own projects of the year (budget, spent, share), the assets standing
 * in it, the year's dividends to its households (due, paid, households paid short), each linking to the list filtered
 * to the village.
 */
@Component("projectsVillageFigures")
class ProjectsVillageFigures implements VillageFigures {
    private static final String GROUP = "nav.projects";
    private final Projects projects;
    private final Assets assets;
    private final Dividends dividends;

    ProjectsVillageFigures(Projects projects, Assets assets, Dividends dividends) {
        this.projects = projects;
        this.assets = assets;
        this.dividends = dividends;
    }

    private static String yuan(BigDecimal v) {
        return String.format(java.util.Locale.ROOT, "%,.2f", v);
    }

    @Override
    public List<Figure> villageFigures(String villageCode, int year) {
        List<Figure> out = new ArrayList<>();
        Projects.AreaFigure p = projects.village(villageCode, year);
        Assets.VillageAssets a = assets.village(villageCode);
        Dividends.VillageDividends d = dividends.village(villageCode, year);
        if (p.projects() == 0 && a.count() == 0 && d.households() == 0) return out;
        String projectsLink = "/projects?area=" + villageCode + "&year=" + year;
        out.add(new Figure(GROUP, "projects.village.projects", String.valueOf(p.projects()), projectsLink));
        out.add(new Figure(GROUP, "projects.village.budget", yuan(p.budget()), projectsLink));
        out.add(new Figure(GROUP, "projects.village.share", p.share() == null ? "—" : p.share() + "%", projectsLink));
        String assetsLink = "/projects/assets?area=" + villageCode;
        out.add(new Figure(GROUP, "projects.village.assets", String.valueOf(a.count()), assetsLink));
        out.add(new Figure(GROUP, "projects.village.assetValue", yuan(a.value()), assetsLink));
        String dividendsLink = "/projects/dividends?area=" + villageCode + "&period=" + year;
        out.add(new Figure(GROUP, "projects.village.dividendHouseholds", String.valueOf(d.households()), dividendsLink));
        out.add(new Figure(GROUP, "projects.village.dividendPaid", yuan(d.paid()) + " / " + yuan(d.due()), dividendsLink));
        out.add(new Figure(GROUP, "projects.village.dividendShort", String.valueOf(d.shortHouseholds()),
                "/projects/dividends?area=" + villageCode + "&period=" + year + "&shortOnly=on"));
        return out;
    }
}
