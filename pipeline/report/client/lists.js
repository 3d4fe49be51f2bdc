// Explorer lists: topic buttons (the legend chooses and selects a topic), the search box, and the page's paper lists.

let items = [];
let sections = [];
let topicButtons = [];

function chooseTopic(id) {
  S.topic = S.topic === id ? null : id;
  // choosing a topic zooms the map to it; clearing shows the whole map
  if (S.topic === null) { view.k = 1; view.tx = 0; view.ty = 0; } else fitTopic(S.topic);
  topicButtons.forEach((b) => { b.setAttribute('aria-pressed', String(Number(b.getAttribute('data-filter-topic')) === S.topic)); });
  refilter();
}

function setupLists() {
  items = Array.prototype.map.call(document.querySelectorAll('li.paper'), (li) => ({
    el: li,
    id: li.getAttribute('data-id'),
    topic: Number(li.getAttribute('data-topic')),
  }));
  sections = Array.prototype.slice.call(document.querySelectorAll('section.topic'));
  topicButtons = Array.prototype.slice.call(document.querySelectorAll('[data-filter-topic]'));
  document.addEventListener('click', (e) => {
    const b = e.target && e.target.closest ? e.target.closest('[data-filter-topic]') : null;
    if (!b) return;
    const id = Number(b.getAttribute('data-filter-topic'));
    chooseTopic(id);
    if (b.closest('.legend')) {
      // the legend selects the topic: its papers fill the selection list
      const chosen = [];
      if (S.topic !== null) for (let i = 0; i < D.n; i++) if (match[i]) chosen.push(i);
      setSelection(chosen);
    } else if (el.map.scrollIntoView) el.map.scrollIntoView({ block: 'center' }); // "show on map", far down the page
  });
  if (el.search) {
    let timer = 0;
    el.search.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => { S.query = el.search.value.trim(); refilter(); }, D.n > 20000 ? 200 : 60);
    });
  }
}

/** The page's lists follow the topic and the search: a listed paper shows when it matches. */
function filterLists(words) {
  items.forEach((it) => {
    const i = it.id !== null && D.index[it.id] !== undefined ? D.index[it.id] : -1;
    let show = S.topic === null || it.topic === S.topic;
    if (show && i >= 0) show = match[i] === 1;
    else if (show && words.length) show = words.every((w) => it.el.textContent.toLowerCase().indexOf(w) !== -1);
    it.el.hidden = !show;
  });
  sections.forEach((s) => { s.hidden = S.topic !== null && Number(s.getAttribute('data-topic')) !== S.topic; });
  topicButtons.forEach((b) => { b.setAttribute('aria-pressed', String(Number(b.getAttribute('data-filter-topic')) === S.topic)); });
}
