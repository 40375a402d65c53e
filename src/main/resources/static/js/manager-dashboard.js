// The managers' dashboard: draws each chart from its /api/metrics JSON (the same the CSV link serves),
// fills the table beside it, and lists the requests behind a bar, a tile or a heatmap step when selected.
(function () {
  'use strict';

  var COLOURS = ['#00739f', '#b35c00', '#1d2b36', '#5b8c2a', '#8e3b8c', '#b3261e'];
  var charts = document.querySelector('.charts');
  if (!charts) {
    return;
  }
  var baseQuery = charts.getAttribute('data-query') || '';

  function url(figure, overrides) {
    var params = new URLSearchParams(baseQuery);
    Object.keys(overrides || {}).forEach(function (key) { params.set(key, overrides[key]); });
    return '/api/metrics/' + figure + '?' + params.toString();
  }

  function getJson(address) {
    return fetch(address, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) { throw new Error(address + ' answered ' + response.status); }
        return response.json();
      });
  }

  // how each figure is drawn: labels, datasets, and what a click on a part lists
  var SHAPES = {
    'stages': { label: 'stage', series: [['reached', 'Reached (received in the period)'], ['openNow', 'Open in it now']],
      select: function (row, series) { return series === 0 ? { select: 'reached:' + row.stage }
        : (row.stage === 'COMPLETED' ? null : { select: 'in:' + row.stage }); }, horizontal: true },
    'monthly': { label: 'month', series: [['received', 'Received'], ['completed', 'Completed']], line: true,
      select: function (row, series) { return { select: (series === 0 ? 'received-in:' : 'completed-in:') + row.month }; } },
    'regions': dimension('region'), 'offices': dimension('office'), 'themes': dimension('theme'), 'bands': dimension('band'),
    'stage-times': { label: 'stage', series: [['medianDays', 'Median (days)'], ['p90Days', '90th percentile (days)']],
      select: function (row) { return { select: 'left:' + row.stage }; } },
    'open-age': { label: 'age', series: [['openRequests', 'Open requests']],
      select: function (row, series, index) { return { select: 'age:' + index }; } },
    'overdue': { label: 'label', series: [['overdueTasks', 'Overdue tasks']],
      select: function (row) { return { select: 'overdue', office: row.office || 'none' }; } },
    'on-time': { label: 'stage', series: [['onTimeRate', 'Completed on time (%)']],
      select: function (row) { return { select: 'left:' + row.stage }; } }
  };

  function dimension(name) {
    return { label: 'label', series: [['received', 'Received'], ['completed', 'Completed']],
      select: function (row, series) {
        var choice = { select: series === 0 ? 'received' : 'completed' };
        choice[name] = row[name] || 'none';
        return choice;
      } };
  }

  function fillTable(table, data) {
    var caption = table.querySelector('caption');
    table.textContent = '';
    if (caption) { table.appendChild(caption); }
    var head = table.createTHead().insertRow();
    data.columns.forEach(function (column) {
      var th = document.createElement('th');
      th.scope = 'col';
      th.textContent = column;
      head.appendChild(th);
    });
    var body = table.createTBody();
    data.rows.forEach(function (row) {
      var tr = body.insertRow();
      data.columns.forEach(function (column) {
        var td = tr.insertCell();
        var value = row[column];
        if (column === 'link' && value) {
          var a = document.createElement('a');
          a.href = value;
          a.textContent = row.reference || value;
          td.appendChild(a);
        } else {
          td.textContent = value === null || value === undefined ? '' : String(value);
        }
      });
    });
  }

  function draw(section) {
    var figure = section.getAttribute('data-figure');
    var shape = SHAPES[figure];
    getJson(url(figure)).then(function (data) {
      fillTable(section.querySelector('table'), data);
      var canvas = section.querySelector('canvas');
      var chart = new window.Chart(canvas, {
        type: shape.line ? 'line' : 'bar',
        data: {
          labels: data.rows.map(function (row) { return row[shape.label] === '' ? 'Not yet set' : row[shape.label]; }),
          datasets: shape.series.map(function (series, i) {
            return { label: series[1], data: data.rows.map(function (row) { return row[series[0]]; }),
              backgroundColor: COLOURS[i], borderColor: COLOURS[i] };
          })
        },
        options: {
          indexAxis: shape.horizontal ? 'y' : 'x', responsive: true, maintainAspectRatio: false, animation: false,
          onClick: function (event, elements) {
            if (!elements.length) { return; }
            var part = elements[0];
            var choice = shape.select(data.rows[part.index], part.datasetIndex, part.index);
            if (choice) { listRequests(choice, section.querySelector('h2').textContent); }
          }
        }
      });
      section.setAttribute('data-drawn', 'true');
      section.chart = chart;
    }).catch(function (error) {
      section.setAttribute('data-drawn', 'failed');
      var p = document.createElement('p');
      p.className = 'notice error';
      p.textContent = 'This figure could not be loaded (' + error.message + ').';
      section.appendChild(p);
    });
  }

  function listRequests(choice, what) {
    var section = document.getElementById('requests');
    var table = section.querySelector('table');
    var status = document.getElementById('requests-what');
    var downloads = document.getElementById('requests-downloads');
    status.textContent = 'Loading the requests behind “' + what + '”…';
    getJson(url('requests', choice)).then(function (data) {
      fillTable(table, data);
      table.hidden = false;
      status.textContent = data.total + ' request' + (data.total === 1 ? '' : 's') + ' behind “' + what + '” (' +
        data.select + ')' + (data.total > data.rows.length ? ', the ' + data.rows.length + ' most recently filed shown' : '') + '.';
      downloads.hidden = false;
      downloads.textContent = '';
      var csv = document.createElement('a');
      csv.href = url('requests', Object.assign({ format: 'csv', limit: '1000' }, choice));
      csv.textContent = 'Download as CSV (up to 1,000)';
      downloads.appendChild(csv);
      section.focus();
    }).catch(function (error) {
      status.textContent = 'The requests could not be loaded (' + error.message + ').';
    });
  }

  document.querySelectorAll('.chart[data-figure]').forEach(draw);

  document.querySelectorAll('a.tile-link[data-select]').forEach(function (link) {
    link.addEventListener('click', function (event) {
      event.preventDefault();
      listRequests({ select: link.getAttribute('data-select') }, link.parentNode.querySelector('.tile-label').textContent);
    });
  });

  // the heatmap: thicker flows for more frequent paths, and each step or flow with figures opens its requests
  var diagram = document.querySelector('.heatmap .diagram');
  if (diagram) {
    getJson(url('heatmap')).then(function (data) {
      // steps become buttons: the drawing is then a group of them, no longer a single image
      var svg = diagram.querySelector('svg');
      if (svg) { svg.setAttribute('role', 'group'); }
      var max = 1;
      data.rows.forEach(function (row) { if (row.kind === 'flow' && row.taken > max) { max = row.taken; } });
      data.rows.forEach(function (row) {
        var group = diagram.querySelector('g[data-element-id="' + CSS.escape(row.id) + '"]');
        if (!group) { return; }
        var choice = null;
        var label = null;
        if (row.kind === 'flow' && row.taken > 0) {
          group.querySelectorAll('path, polyline').forEach(function (line) {
            line.setAttribute('stroke-width', String(1.5 + 6 * row.taken / max));
          });
          choice = { select: 'flow:' + row.id };
          label = (row.name && row.name !== row.id ? row.name : 'flow') + ': taken ' + row.taken + ' times';
        } else if (row.kind !== 'flow' && row.waitingNow > 0) {
          choice = { select: 'waiting:' + row.id };
          label = row.name + ': ' + row.waitingNow + ' waiting now, median ' + row.medianWaitDays + ' days';
        }
        if (choice) {
          group.setAttribute('tabindex', '0');
          group.setAttribute('role', 'button');
          group.setAttribute('aria-label', label);
          group.classList.add('selectable');
          var open = function () { listRequests(choice, label); };
          group.addEventListener('click', open);
          group.addEventListener('keydown', function (event) {
            if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); open(); }
          });
        }
      });
      diagram.setAttribute('data-drawn', 'true');
    });
  }
})();
