package cn.shouwang.server.insurance.fund;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.insurance.claim.Claims;
import cn.shouwang.server.insurance.policy.AreaNames;
import cn.shouwang.server.insurance.policy.Policies;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** 防贫保 ({@code /insurance}): the fund of the area in view per month of a year, as a table and a chart. */
@Controller
class FundController {
    private final FundFigures figures;
    private final AreaApi areas;
    private final Clock clock;

    FundController(FundFigures figures, AreaApi areas, Clock clock) {
        this.figures = figures;
        this.areas = areas;
        this.clock = clock;
    }

    @GetMapping("/insurance")
    String fund(@RequestParam(required = false) String area, @RequestParam(required = false) Integer year, Model model) {
        AreaScope a = CurrentUsers.areaInView(area);
        int thisYear = LocalDate.now(clock).getYear();
        int y = year == null || year < 2000 || year > thisYear + 1 ? thisYear : year;
        List<FundFigures.Month> months = figures.months(a, y);
        BigDecimal premiums = months.stream().map(FundFigures.Month::premiums).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal payouts = months.stream().map(FundFigures.Month::payouts).reduce(BigDecimal.ZERO, BigDecimal::add);
        long opened = months.stream().mapToLong(FundFigures.Month::opened).sum();
        long paid = months.stream().mapToLong(FundFigures.Month::paid).sum();
        model.addAttribute("months", months).addAttribute("year", y)
                .addAttribute("years", List.of(thisYear - 2, thisYear - 1, thisYear))
                .addAttribute("areaName", new AreaNames(areas).name(a.areaCode()))
                .addAttribute("area", area == null || area.isBlank() ? null : a.areaCode())
                .addAttribute("premiums", premiums).addAttribute("payouts", payouts)
                .addAttribute("opened", opened).addAttribute("paid", paid)
                .addAttribute("balance", months.get(months.size() - 1).balance())
                .addAttribute("premiumsWan", wan(premiums)).addAttribute("payoutsWan", wan(payouts))
                .addAttribute("balanceWan", wan(months.get(months.size() - 1).balance()))
                .addAttribute("mayOpen", Claims.mayOpen(CurrentUsers.require()))
                .addAttribute("mayManage", Policies.mayManage(CurrentUsers.require()));
        return "insurance/fund";
    }

    /** 万元 with two decimals, for the page's headline figures. */
    static String wan(BigDecimal yuan) {
        return yuan.movePointLeft(4).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
