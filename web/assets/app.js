// disclosure serve: the charts are a layer over plain HTML tables. Each
// chart reads the JSON endpoint named in its data-api attribute (the same
// named query and parameters as the table) and draws with ECharts.
(function () {
  'use strict';
  var nf = new Intl.NumberFormat('zh-CN');
  function fmt(measure, v) {
    if (v === null || v === undefined) return '';
    if (measure === 'grant_rate') return (v * 100).toFixed(1) + '%';
    if (measure === 'fees_10k_yuan') return new Intl.NumberFormat('zh-CN', {minimumFractionDigits: 2, maximumFractionDigits: 2}).format(v);
    return nf.format(v);
  }

  // Filters apply as soon as they change: the form's GET gives the new URL.
  var form = document.getElementById('filters');
  if (form) {
    form.querySelectorAll('select').forEach(function (s) {
      s.addEventListener('change', function () { form.submit(); });
    });
  }

  function load(el, draw) {
    fetch(el.dataset.api, {headers: {'Accept': 'application/json'}})
      .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
      .then(function (data) { draw(el, data); el.dataset.drawn = 'true'; })
      .catch(function (e) { el.textContent = '图表无法加载：' + e.message; el.dataset.drawn = 'error'; });
  }

  // A count measure comes in r.count (an integer), a rate or an amount in r.value.
  function measured(r) { return r.count !== null && r.count !== undefined ? r.count : r.value; }

  function compareChart(el, data) {
    var m = el.dataset.measure;
    var rows = data.rows.filter(function (r) { return r.status === 'reported' && measured(r) !== null && measured(r) !== undefined; });
    rows.sort(function (a, b) { return measured(a) - measured(b); });
    if (rows.length > 60) rows = rows.slice(rows.length - 60);
    var names = rows.map(function (r) { return r.division + (data.params.kind && data.params.kind !== 'government' ? ' ' + r.agency : ''); });
    el.style.height = Math.max(240, rows.length * 22 + 60) + 'px';
    var chart = echarts.init(el, null, {renderer: 'canvas'});
    chart.setOption({
      animation: false,
      grid: {left: 8, right: 48, top: 24, bottom: 36, containLabel: true},
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}, valueFormatter: function (v) { return fmt(m, v); }},
      xAxis: {type: 'value', name: el.dataset.label, nameLocation: 'middle', nameGap: 28, axisLabel: {formatter: function (v) { return fmt(m, v); }}},
      yAxis: {type: 'category', data: names},
      series: [{type: 'bar', barMaxWidth: 28, data: rows.map(measured), itemStyle: {color: '#3b6ea8'},
        label: {show: true, position: 'right', formatter: function (p) { return fmt(m, p.value); }}}]
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }

  function countyChart(el, data) {
    var m = el.dataset.measure;
    var years = data.rows.map(function (r) { return String(r.year); });
    var chart = echarts.init(el, null, {renderer: 'canvas'});
    function line(name, key, style) {
      return {name: name, type: 'line', connectNulls: false, symbolSize: 8, lineStyle: style,
        data: data.rows.map(function (r) { var v = key === 'value' ? measured(r) : r[key]; return v === undefined ? null : v; })};
    }
    chart.setOption({
      animation: false,
      legend: {top: 0},
      grid: {left: 8, right: 24, top: 40, bottom: 8, containLabel: true},
      tooltip: {trigger: 'axis', valueFormatter: function (v) { return fmt(m, v); }},
      xAxis: {type: 'category', data: years},
      yAxis: {type: 'value', axisLabel: {formatter: function (v) { return fmt(m, v); }}},
      series: [line(el.dataset.name, 'value', {width: 3}),
               line('地市中位数', 'prefecture_median', {type: 'dashed'}),
               line('全省中位数', 'province_median', {type: 'dotted'})]
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }

  var c = document.getElementById('chart');
  if (c && window.echarts) load(c, compareChart);
  var cc = document.getElementById('county-chart');
  if (cc && window.echarts) load(cc, countyChart);

  // The source view: bring the value and the text it was read from into view.
  document.querySelectorAll('#printed .hl, #source .hl').forEach(function (el) {
    var pane = el.closest('.pane');
    if (pane) pane.scrollTop += el.getBoundingClientRect().top - pane.getBoundingClientRect().top - pane.clientHeight / 2;
  });
})();
