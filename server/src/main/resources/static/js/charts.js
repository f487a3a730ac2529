// Draws the Apache ECharts charts of a page. Loaded only on pages with charts, after /vendor/echarts/echarts.min.js.
// The Content-Security-Policy allows no inline script or style, so nothing comes from the page but data: each
// <div class="chart" data-source="table-id"> draws the rows of the table beside it, which stays on the page as the
// readable figures (screen readers, printing, a failed script). Rows carry their figures in data-* attributes:
//   <tr data-name="梨树镇" data-open="3" data-overdue="1">
// The chart element says what to draw:
//   data-type="bar" (horizontal bars, one bar per row and series) or "pie" (one series)
//   data-series="open overdue"              the row attributes to draw, in order
//   data-label-open="未办结" data-color-open="#1f6fb2"  legend label and colour of each series
//   data-title="…"                          optional chart title (from the message bundles)
//   data-type="line"                        months along the bottom, one line per series (trends)
// A row with data-href makes its bar, slice or point clickable: a click opens that address (统计调度's drill-down).
(function () {
  'use strict';
  if (typeof echarts === 'undefined') return; // the tables stay

  function seriesKeys(el) {
    return (el.getAttribute('data-series') || 'value').split(/\s+/).filter(Boolean);
  }

  function rows(el) {
    var table = document.getElementById(el.getAttribute('data-source'));
    return table ? Array.prototype.slice.call(table.querySelectorAll('tr[data-name]')) : [];
  }

  function attr(el, key, name) {
    // data-label-open → dataset.labelOpen
    return el.dataset[name + key.charAt(0).toUpperCase() + key.slice(1)];
  }

  function option(el, rs) {
    var keys = seriesKeys(el);
    var names = rs.map(function (r) { return r.getAttribute('data-name'); });
    var title = el.getAttribute('data-title');
    // tooltips drawn on the canvas: the HTML tooltip writes style attributes, which the CSP refuses
    var o = {
      animation: false,
      tooltip: {
        renderMode: 'richText', trigger: el.getAttribute('data-type') === 'pie' ? 'item' : 'axis',
        // "梨树镇 / 未办结线索: 3 / 其中超期: 1" (the plain-text default runs name and figure together)
        formatter: el.getAttribute('data-type') === 'pie' ? '{b}: {c} ({d}%)'
          : '{b0}' + keys.map(function (k, i) { return '\n{a' + i + '}: {c' + i + '}'; }).join('')
      },
      title: title ? { text: title, left: 0, textStyle: { fontSize: 14 } } : undefined
    };
    // a themed chart (the dark large screen) lets its panel's colour show through
    if (el.getAttribute('data-theme')) o.backgroundColor = 'transparent';
    if (el.getAttribute('data-type') === 'line') {
      o.tooltip.trigger = 'axis';
      o.legend = { top: title ? 24 : 0, right: 0 };
      o.grid = { left: 8, right: 16, top: (title ? 24 : 0) + 30, bottom: 8, containLabel: true };
      o.xAxis = { type: 'category', data: names, boundaryGap: false };
      o.yAxis = { type: 'value', minInterval: 1 };
      o.series = keys.map(function (k) {
        return {
          type: 'line', name: attr(el, k, 'label') || k, itemStyle: { color: attr(el, k, 'color') },
          symbolSize: 8, data: rs.map(function (r) { return Number(r.getAttribute('data-' + k)); })
        };
      });
      return o;
    }
    if (el.getAttribute('data-type') === 'pie') {
      var k = keys[0];
      o.legend = { type: 'scroll', bottom: 0 };
      o.series = [{
        type: 'pie', name: attr(el, k, 'label') || '', radius: ['35%', '65%'], center: ['50%', '48%'],
        label: { formatter: '{b}: {c}' },
        data: rs.map(function (r, i) { return { name: names[i], value: Number(r.getAttribute('data-' + k)) }; })
      }];
      return o;
    }
    o.legend = keys.length > 1 ? { top: title ? 24 : 0, right: 0 } : undefined;
    o.grid = { left: 8, right: 60, top: (title ? 24 : 0) + (keys.length > 1 ? 30 : 8), bottom: 8, containLabel: true };
    o.xAxis = { type: 'value', minInterval: 1 };
    // first row on top, as in the table
    // the area names are clickable too (a bar of 0 has nothing to click)
    o.yAxis = { type: 'category', data: names, inverse: true, axisLabel: { width: 90, overflow: 'truncate' },
      triggerEvent: rs.some(function (r) { return r.getAttribute('data-href'); }) };
    o.series = keys.map(function (k) {
      return {
        type: 'bar', name: attr(el, k, 'label') || k, itemStyle: { color: attr(el, k, 'color') },
        label: { show: true, position: 'right' }, barMaxWidth: 22,
        data: rs.map(function (r) { return Number(r.getAttribute('data-' + k)); })
      };
    });
    return o;
  }

  function draw(el) {
    var rs = rows(el);
    if (!rs.length) return null;
    var pie = el.getAttribute('data-type') === 'pie';
    var title = el.getAttribute('data-title') ? 24 : 0;
    // height through the CSSOM (allowed by the CSP, unlike a style attribute): enough room for every bar
    var line = el.getAttribute('data-type') === 'line';
    el.style.height = (pie || line ? 300 : Math.max(140, title + 50 + rs.length * seriesKeys(el).length * 26)) + 'px';
    var chart = echarts.init(el, el.getAttribute('data-theme'), { renderer: 'canvas' });
    chart.setOption(option(el, rs));
    if (rs.some(function (r) { return r.getAttribute('data-href'); })) {
      var names = rs.map(function (r) { return r.getAttribute('data-name'); });
      chart.on('click', function (p) {
        var r = rs[p.componentType === 'yAxis' ? names.indexOf(p.value) : p.dataIndex];
        var href = r && r.getAttribute('data-href');
        if (href) window.location.assign(href);
      });
      el.classList.add('chart-links');
    }
    el.classList.add('chart-drawn');
    return chart;
  }

  document.addEventListener('DOMContentLoaded', function () {
    var charts = Array.prototype.map.call(document.querySelectorAll('.chart[data-source]'), draw)
        .filter(function (c) { return c; });
    var pending;
    window.addEventListener('resize', function () {
      clearTimeout(pending);
      pending = setTimeout(function () { charts.forEach(function (c) { c.resize(); }); }, 100);
    });
  });
})();
