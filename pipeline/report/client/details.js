// Explorer details panel: a clicked paper's title, authors, date, upvotes, topic, abstract and links; Esc closes it.

const ARXIV_ID = /^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})(v\d+)?$/;

/** Links of a paper: its own http(s) URL, its Hugging Face page and arXiv abstract and PDF when the id is an arXiv id. */
function paperLinks(i) {
  const out = [];
  if (!D.texts) return out;
  const id = D.texts.id[i];
  const own = D.texts.url[i];
  if (own && /^https?:\/\//i.test(own)) out.push({ label: 'paper link', href: own });
  if (ARXIV_ID.test(id)) {
    const bare = id.replace(/v\d+$/, '');
    out.push({ label: 'Hugging Face', href: 'https://huggingface.co/papers/' + bare });
    out.push({ label: 'arXiv abstract', href: 'https://arxiv.org/abs/' + id });
    out.push({ label: 'arXiv PDF', href: 'https://arxiv.org/pdf/' + id });
  }
  return out;
}

function row(label, value) {
  const p = document.createElement('p');
  p.className = 'meta';
  const b = document.createElement('span');
  b.className = 'k';
  b.textContent = label + ': ';
  p.appendChild(b);
  p.appendChild(typeof value === 'string' ? textEl('bdi', value) : value);
  return p;
}

function showPaper(i) {
  const panel = el.paper;
  if (!panel || !D.texts) return;
  S.paper = i;
  const x = D.texts;
  const body = panel.querySelector('.paper-body') || panel;
  body.textContent = '';
  body.appendChild(textEl('h3', x.title[i], 'paper-heading'));
  if (x.authors[i]) body.appendChild(row('authors', x.authors[i]));
  const facts = dayText(D.day[i]) + (D.up[i] >= 0 ? ' \u00b7 ' + D.up[i] + ' upvotes' : '');
  body.appendChild(row('date', facts));
  const topic = document.createElement('span');
  const sw = document.createElement('span');
  sw.className = 'swatch';
  sw.style.background = (D.topics[D.t[i]] && D.topics[D.t[i]].color) || '#999';
  topic.appendChild(sw);
  topic.appendChild(textEl('bdi', topicName(D.t[i])));
  body.appendChild(row('topic', topic));
  body.appendChild(textEl('p', x.abstract[i] || '(no abstract)', 'paper-abstract'));
  const links = paperLinks(i);
  if (links.length) {
    const p = document.createElement('p');
    p.className = 'paper-links';
    links.forEach((l, j) => {
      if (j) p.appendChild(document.createTextNode(' \u00b7 '));
      const a = document.createElement('a');
      a.href = l.href;
      a.target = '_blank';
      a.rel = 'noopener noreferrer nofollow';
      a.textContent = l.label;
      p.appendChild(a);
    });
    body.appendChild(p);
  }
  panel.setAttribute('data-id', x.id[i]);
  panel.hidden = false;
  redraw();
}

function closePaper() {
  if (!el.paper || el.paper.hidden) return false;
  el.paper.hidden = true;
  el.paper.removeAttribute('data-id');
  S.paper = null;
  redraw();
  return true;
}

function setupDetails() {
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && closePaper()) e.preventDefault();
  });
  const close = el.paper && el.paper.querySelector('.paper-close');
  if (close) close.addEventListener('click', closePaper);
}
