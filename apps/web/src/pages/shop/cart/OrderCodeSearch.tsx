import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import './cart.css';

/** The farmer finds the order a buyer reads out on the phone by its code (spaces, dashes and case ignored). */
export function OrderCodeSearch({ code, onSearch }: { code: string; onSearch: (code: string) => void }) {
  const { t } = useTranslation('cart');
  const [text, setText] = useState(code);
  function submit(event: FormEvent) {
    event.preventDefault();
    onSearch(text.replace(/[\s-]+/g, '').toUpperCase());
  }
  return (
    <form className="row order-code-search" role="search" onSubmit={submit}>
      <div className="field">
        <label htmlFor="order-code-search">{t('farmer.searchCode')}</label>
        <span className="hint" id="order-code-search-hint">
          {t('farmer.searchCodeHint')}
        </span>
        <input
          id="order-code-search"
          data-testid="order-code-search"
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          maxLength={20}
          aria-describedby="order-code-search-hint"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      <button type="submit" className="btn secondary">
        {t('farmer.search')}
      </button>
      {code && (
        <button
          type="button"
          className="btn secondary"
          onClick={() => {
            setText('');
            onSearch('');
          }}
        >
          {t('farmer.clear')}
        </button>
      )}
    </form>
  );
}
