package cn.shouwang.server.moralbank.catalogue;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.moralbank.MoralBankRefusal;
import cn.shouwang.server.moralbank.Places;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** 积分项目 and 兑换商品 of the area in view: the village rules' items with their categories, and the points shop. */
@Controller
class CatalogueController {
    private final Catalogue catalogue;
    private final Places places;
    private final MessageSource messages;

    CatalogueController(Catalogue catalogue, Places places, MessageSource messages) {
        this.catalogue = catalogue;
        this.places = places;
        this.messages = messages;
    }

    @GetMapping("/moral-bank/items")
    String items(@RequestParam(required = false) @Nullable String area, Model model) {
        AreaScope view = CurrentUsers.areaInView(area);
        CurrentUser u = CurrentUsers.require();
        boolean en = LocaleContextHolder.getLocale().getLanguage().equals("en");
        var cats = catalogue.categories(view.areaCode());
        model.addAttribute("items", catalogue.items(view, false))
                .addAttribute("categories", cats)
                .addAttribute("categoryNames", cats.stream().collect(java.util.stream.Collectors.toMap(
                        Catalogue.Category::code, c -> c.name(en))))
                .addAttribute("areaCode", view.areaCode()).addAttribute("areaName", places.name(view.areaCode()))
                .addAttribute("areaNames", places.names(catalogue.items(view, false).stream()
                        .map(Catalogue.Item::areaCode).distinct().toList()))
                .addAttribute("villages", places.villages(CurrentUsers.viewScope()))
                .addAttribute("mayWrite", Places.mayWrite(u))
                .addAttribute("en", en);
        return "moralbank/items";
    }

    @PostMapping("/moral-bank/items")
    String addItem(@Valid @ModelAttribute CatalogueCmd.ItemCmd cmd, BindingResult binding, RedirectAttributes ra) {
        CurrentUser u = CurrentUsers.require();
        Places.requireWriter(u);
        return run(binding, ra, () -> catalogue.addItem(cmd, u), "moralbank.done.item", "/moral-bank/items?area=" + cmd.areaCode());
    }

    @PostMapping("/moral-bank/items/{id}")
    String updateItem(@PathVariable long id, @RequestParam int version, @RequestParam(defaultValue = "false") boolean active,
                      @Valid @ModelAttribute CatalogueCmd.ItemCmd cmd, BindingResult binding, RedirectAttributes ra) {
        CurrentUser u = CurrentUsers.require();
        Places.requireWriter(u);
        return run(binding, ra, () -> catalogue.updateItem(id, version, cmd, active, u), "moralbank.done.item",
                "/moral-bank/items?area=" + cmd.areaCode());
    }

    @PostMapping("/moral-bank/categories")
    String addCategory(@Valid @ModelAttribute CatalogueCmd.CategoryCmd cmd, BindingResult binding, RedirectAttributes ra) {
        CurrentUser u = CurrentUsers.require();
        Places.requireWriter(u);
        return run(binding, ra, () -> catalogue.saveCategory(cmd, u), "moralbank.done.category",
                "/moral-bank/items?area=" + cmd.areaCode());
    }

    @GetMapping("/moral-bank/goods")
    String goods(@RequestParam(required = false) @Nullable String area, Model model) {
        AreaScope view = CurrentUsers.areaInView(area);
        var goods = catalogue.goods(view, false);
        model.addAttribute("goods", goods)
                .addAttribute("areaCode", view.areaCode()).addAttribute("areaName", places.name(view.areaCode()))
                .addAttribute("villageNames", places.names(goods.stream().map(Catalogue.Goods::villageCode).distinct().toList()))
                .addAttribute("villages", places.villages(view))
                .addAttribute("mayWrite", Places.mayWrite(CurrentUsers.require()));
        return "moralbank/goods";
    }

    @PostMapping("/moral-bank/goods")
    String addGoods(@Valid @ModelAttribute CatalogueCmd.GoodsCmd cmd, BindingResult binding, RedirectAttributes ra) {
        CurrentUser u = CurrentUsers.require();
        Places.requireWriter(u);
        return run(binding, ra, () -> catalogue.addGoods(cmd, u), "moralbank.done.goods", "/moral-bank/goods?area=" + cmd.villageCode());
    }

    @PostMapping("/moral-bank/goods/{id}")
    String updateGoods(@PathVariable long id, @RequestParam int version, @RequestParam(defaultValue = "false") boolean active,
                       @Valid @ModelAttribute CatalogueCmd.GoodsCmd cmd, BindingResult binding, RedirectAttributes ra) {
        CurrentUser u = CurrentUsers.require();
        Places.requireWriter(u);
        return run(binding, ra, () -> catalogue.updateGoods(id, version, cmd, active, u), "moralbank.done.goods",
                "/moral-bank/goods?area=" + cmd.villageCode());
    }

    private String run(BindingResult binding, RedirectAttributes ra, Runnable change, String done, String back) {
        Locale l = LocaleContextHolder.getLocale();
        if (binding.hasErrors()) {
            ra.addFlashAttribute("error", binding.getAllErrors().stream().map(e -> messages.getMessage(e, l)).distinct().toList());
        } else {
            try {
                change.run();
                ra.addFlashAttribute("done", messages.getMessage(done, null, l));
            } catch (MoralBankRefusal r) {
                ra.addFlashAttribute("error", List.of(messages.getMessage(r.messageKey(), r.args(), l)));
            }
        }
        return "redirect:" + back;
    }
}
