/**
 * The portal's page (public/index.html): a "Stocks" grid and a "Weather" grid, each with a box
 * to add a row and a button to sort, filled by calling the portal's own /stock/:symbol and
 * /weather/:city. The original used Knockout; this one does the same with plain script.
 */
export const PORTAL_PAGE = `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>Service Discovery Portal</title>
<style>
body { font-family: helvetica, arial, sans-serif; margin: 2em; color: #333; }
section { display: inline-block; vertical-align: top; margin-right: 3em; }
table { border-collapse: collapse; margin-top: .5em; min-width: 22em; }
th, td { border-bottom: 1px solid #ddd; padding: .3em .8em; text-align: left; }
th { background: #f4f4f4; }
</style>
</head>
<body>
<h1>Service Discovery via Consul with Amazon ECS</h1>
<section>
  <h2>Stocks</h2>
  <form id="stock-form"><input id="stock-input" placeholder="Symbol, e.g. AMZN"> <button>Add</button> <button type="button" id="stock-sort">Sort</button></form>
  <table><thead><tr><th>Symbol</th><th>Name</th><th>Price</th></tr></thead><tbody id="stocks"></tbody></table>
</section>
<section>
  <h2>Weather</h2>
  <form id="weather-form"><input id="weather-input" placeholder="City, e.g. Seattle"> <button>Add</button> <button type="button" id="weather-sort">Sort</button></form>
  <table><thead><tr><th>City</th><th>Country</th><th>Temperature</th></tr></thead><tbody id="weather"></tbody></table>
</section>
<script>
function grid(kind, url, cells) {
  var rows = [];
  var body = document.getElementById(kind === 'stock' ? 'stocks' : 'weather');
  function render() {
    body.innerHTML = '';
    rows.forEach(function (row) {
      var tr = document.createElement('tr');
      cells(row).forEach(function (text) { var td = document.createElement('td'); td.textContent = text; tr.appendChild(td); });
      body.appendChild(tr);
    });
  }
  document.getElementById(kind + '-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var input = document.getElementById(kind + '-input');
    var value = input.value.trim();
    input.value = '';
    if (!value) return;
    fetch(url + encodeURIComponent(value)).then(function (res) { return res.text(); }).then(function (text) {
      if (!text) return;
      rows.push(JSON.parse(text));
      render();
    });
  });
  document.getElementById(kind + '-sort').addEventListener('click', function () {
    rows.sort(function (a, b) { return String(cells(a)[0]).localeCompare(String(cells(b)[0])); });
    render();
  });
}
grid('stock', '/stock/', function (s) { return [s.symbol, s.name, s.price]; });
grid('weather', '/weather/', function (w) { return [w.city, w.country, w.temp + ' ' + w.format]; });
</script>
</body>
</html>
`;
