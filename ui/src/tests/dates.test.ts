import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { NOT_A_DATE, dateInWords, dateProblem, isIsoDate, parseDate, readDate, today } from '../lib/dates';
import DateInput from '../lib/components/DateInput.svelte';

describe('readDate: what a checker types, read by the desk rule', () => {
  // [typed, YYYY-MM-DD it is read as]
  const DATES: [string, string][] = [
    // Year first.
    ['2024-02-27', '2024-02-27'],
    ['  2024-02-27  ', '2024-02-27'],
    ['2024-2-7', '2024-02-07'],
    ['2024/02/27', '2024-02-27'],
    ['2024.02.27', '2024-02-27'],
    ['2024-02-29', '2024-02-29'],
    // Day first, whatever the separator.
    ['27/02/2024', '2024-02-27'],
    ['27.02.2024', '2024-02-27'],
    ['27-02-2024', '2024-02-27'],
    ['27 / 02 / 2024', '2024-02-27'],
    ['7/2/2024', '2024-02-07'],
    // Both numbers could be a month: day first, always (the field shows it back in words).
    ['2/3/2024', '2024-03-02'],
    ['03/02/2024', '2024-02-03'],
    ['12/11/2024', '2024-11-12'],
    ['29/02/2024', '2024-02-29'],
    ['31/12/1999', '1999-12-31'],
    // Month names, either order, abbreviated, ordinals, a weekday in front.
    ['27 Feb 2024', '2024-02-27'],
    ['27 February 2024', '2024-02-27'],
    ['27 february 2024', '2024-02-27'],
    ['27 FEB 2024', '2024-02-27'],
    ['27 Feb. 2024', '2024-02-27'],
    ['27-Feb-2024', '2024-02-27'],
    ['27th February 2024', '2024-02-27'],
    ['1st of March 2024', '2024-03-01'],
    ['February 27, 2024', '2024-02-27'],
    ['February 27 2024', '2024-02-27'],
    ['Feb 27, 2024', '2024-02-27'],
    ['Feb. 27th, 2024', '2024-02-27'],
    ['Sept 3, 2024', '2024-09-03'],
    ['3 Sep 2024', '2024-09-03'],
    ['Tuesday, 27 February 2024', '2024-02-27'],
    ['Tue 27 Feb 2024', '2024-02-27'],
    ['Tuesday, February 27, 2024', '2024-02-27'],
    ['9 May 2024', '2024-05-09'],
    ['June 1, 2024', '2024-06-01'],
  ];
  it.each(DATES)('%j is %s', (typed, iso) => {
    expect(readDate(typed)).toEqual({ kind: 'date', iso, words: dateInWords(iso) });
    expect(parseDate(typed)).toBe(iso);
    expect(dateProblem(typed)).toBeNull();
  });

  // [typed, the message (or part of it)]
  const NOT_DATES: [string, string][] = [
    ['yesterday', NOT_A_DATE],
    ['2024', NOT_A_DATE],
    ['27/02', NOT_A_DATE],
    ['27 Feb', NOT_A_DATE],
    ['2024-02-27T10:00', NOT_A_DATE],
    ['20240227', NOT_A_DATE],
    ['27/02-2024', NOT_A_DATE],
    ['27 Febuary 2024', NOT_A_DATE],
    ['27 Ju 2024', NOT_A_DATE],
    ['0024-02-27', NOT_A_DATE],
    ['31/02/2024', 'Not a date: February 2024 has 29 days.'],
    ['29/02/2023', 'Not a date: February 2023 has 28 days.'],
    ['2023-02-29', 'Not a date: February 2023 has 28 days.'],
    ['31 April 2024', 'Not a date: April 2024 has 30 days.'],
    ['00/01/2024', 'Not a date: there is no day 0.'],
    ['2024-13-01', 'Not a date: there is no month 13.'],
    ['01/13/2024', 'Not a date: dates are read day first, and there is no month 13. Did you mean 13/01/2024?'],
    ['02/27/2024', 'Not a date: dates are read day first, and there is no month 27. Did you mean 27/02/2024?'],
    ['2.27.2024', 'Did you mean 27.02.2024?'],
    ['30/31/2024', 'Not a date: there is no month 31.'],
    ['27/02/24', 'Not a date: write the year in full, e.g. 27/02/2024.'],
  ];
  it.each(NOT_DATES)('%j is not a date: %s', (typed, message) => {
    const r = readDate(typed);
    expect(r.kind).toBe('invalid');
    expect(r.kind === 'invalid' && r.message).toContain(message);
    expect(r.kind === 'invalid' && r.message.startsWith('Not a date: ')).toBe(true);
    expect(parseDate(typed)).toBeNull();
    expect(dateProblem(typed)).toBe(r.kind === 'invalid' ? r.message : 'unreachable');
  });

  it('reads nothing as no date', () => {
    for (const blank of ['', '   ']) {
      expect(readDate(blank)).toEqual({ kind: 'empty' });
      expect(parseDate(blank)).toBeNull();
      expect(dateProblem(blank)).toBeNull();
    }
    expect(dateProblem(null)).toBeNull();
  });

  it('says a date in words, and knows a real YYYY-MM-DD day', () => {
    expect(dateInWords('2024-02-27')).toBe('27 February 2024');
    expect(dateInWords('2024-03-02')).toBe('2 March 2024');
    expect(dateInWords('nonsense')).toBe('nonsense');
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-2-9')).toBe(false);
    expect(isIsoDate('27/02/2024')).toBe(false);
    expect(today(new Date(2024, 1, 27, 23, 59))).toBe('2024-02-27');
  });
});

describe('DateInput', () => {
  afterEach(() => vi.useRealTimers());

  function renderField(props: Record<string, unknown> = {}) {
    const committed: string[] = [];
    const r = render(DateInput, { props: { id: 'd', name: 'said_on', label: 'Date said', testid: 'date', oncommit: (v: string) => committed.push(v), ...props } });
    return { ...r, committed, input: screen.getByTestId('date') as HTMLInputElement };
  }

  it('reads a day-first date back in words and gives YYYY-MM-DD', async () => {
    const { input, committed } = renderField();
    const user = userEvent.setup();
    expect(input.value).toBe('');
    expect(screen.queryByTestId('date-words')).toBeNull();
    await user.type(input, '2/3/2024');
    expect(screen.getByTestId('date-words')).toHaveTextContent('2 March 2024');
    expect(input.getAttribute('aria-describedby')).toBe('d-words');
    await user.tab();
    expect(committed).toEqual(['2024-03-02']);
    // What was typed stays as typed.
    expect(input.value).toBe('2/3/2024');
  });

  it('says "Not a date" when the field is left, and drops the message as soon as the text is a date', async () => {
    const { input, committed } = renderField();
    const user = userEvent.setup();
    await user.type(input, '27/02/24');
    // Not while typing: only once the field is left.
    expect(screen.queryByTestId('field-error-said_on')).toBeNull();
    await user.tab();
    expect(committed).toEqual(['27/02/24']);
    const err = screen.getByTestId('field-error-said_on');
    expect(err).toHaveTextContent('Not a date: write the year in full, e.g. 27/02/2024.');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input.getAttribute('aria-describedby')).toBe(err.id);
    await user.click(input);
    await user.type(input, '{End}2');
    // 27/02/242 is no date either: the message stays.
    expect(screen.getByTestId('field-error-said_on')).toHaveTextContent(NOT_A_DATE);
    await user.type(input, '{Backspace}{Backspace}{Backspace}2024');
    expect(input.value).toBe('27/02/2024');
    expect(screen.queryByTestId('field-error-said_on')).toBeNull();
    expect(input).not.toHaveAttribute('aria-invalid');
    expect(screen.getByTestId('date-words')).toHaveTextContent('27 February 2024');
  });

  it('shows a message from the form until the text is changed into a date', async () => {
    const { input, rerender } = renderField({ value: '2024-02-27' });
    expect(input.value).toBe('2024-02-27');
    await rerender({ error: 'A claim cannot be said after it was checked.' });
    expect(screen.getByTestId('field-error-said_on')).toHaveTextContent('A claim cannot be said after it was checked.');
    expect(screen.queryByTestId('date-words')).toBeNull();
    const user = userEvent.setup();
    await user.clear(input);
    await user.type(input, '26.02.2024');
    expect(screen.queryByTestId('field-error-said_on')).toBeNull();
    expect(screen.getByTestId('date-words')).toHaveTextContent('26 February 2024');
  });

  it('has no calendar until asked; the calendar fills the field with the day picked', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2024, 1, 27, 12, 0));
    const { input, committed } = renderField();
    const user = userEvent.setup();
    expect(screen.queryByRole('dialog')).toBeNull();
    const button = screen.getByRole('button', { name: 'Date said: pick from a calendar' });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    await user.click(button);
    const cal = screen.getByRole('dialog', { name: 'Date said: choose a day' });
    expect(button).toHaveAttribute('aria-expanded', 'true');
    // Opens on this month, today marked but not picked; the field stays empty.
    expect(screen.getByTestId('calendar-month')).toHaveTextContent('February 2024');
    const todayButton = screen.getByRole('button', { name: '27 February 2024' });
    expect(todayButton).toHaveAttribute('aria-current', 'date');
    expect(todayButton).toHaveAttribute('aria-pressed', 'false');
    expect(todayButton).toHaveFocus();
    expect(input.value).toBe('');
    // Monday first: 1 February 2024 was a Thursday.
    const firstRow = cal.querySelector('tbody tr')!;
    expect([...firstRow.querySelectorAll('td')].map((td) => td.textContent?.trim())).toEqual(['', '', '', '1', '2', '3', '4']);
    // The keys move the day; a month back, and a pick.
    await user.keyboard('{ArrowLeft}');
    expect(screen.getByRole('button', { name: '26 February 2024' })).toHaveFocus();
    await user.click(screen.getByTestId('calendar-prev'));
    expect(screen.getByTestId('calendar-month')).toHaveTextContent('January 2024');
    await user.click(screen.getByRole('button', { name: '15 January 2024' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(input.value).toBe('2024-01-15');
    expect(input).toHaveFocus();
    expect(committed).toEqual(['2024-01-15']);
    expect(screen.getByTestId('date-words')).toHaveTextContent('15 January 2024');
    // Opened again: on the field's month, its day picked.
    await user.click(button);
    expect(screen.getByTestId('calendar-month')).toHaveTextContent('January 2024');
    expect(screen.getByRole('button', { name: '15 January 2024' })).toHaveAttribute('aria-pressed', 'true');
    // Escape closes the calendar only (it does not reach a form's "Escape cancels").
    const outer = vi.fn();
    window.addEventListener('keydown', outer);
    await user.keyboard('{Escape}');
    window.removeEventListener('keydown', outer);
    expect(outer).not.toHaveBeenCalled();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(input).toHaveFocus();
  });

  it('closes the calendar on a click elsewhere, and follows a value reset from outside', async () => {
    const { input, rerender } = renderField({ value: '2024-02-27' });
    await fireEvent.click(screen.getByTestId('date-calendar'));
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    await fireEvent.pointerDown(document.body);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // Focus gone elsewhere (Tab out of the calendar) closes it too.
    await fireEvent.click(screen.getByTestId('date-calendar'));
    const outside = document.createElement('button');
    document.body.appendChild(outside);
    await fireEvent.focusOut(screen.getByRole('button', { name: '27 February 2024' }), { relatedTarget: outside });
    expect(screen.queryByRole('dialog')).toBeNull();
    outside.remove();
    await rerender({ value: '' });
    expect(input.value).toBe('');
    expect(screen.queryByTestId('date-words')).toBeNull();
  });

  it('has no calendar button when read-only', () => {
    renderField({ value: '2024-02-27', readonly: true });
    expect(screen.queryByTestId('date-calendar')).toBeNull();
    expect(screen.getByTestId('date')).toHaveAttribute('readonly');
  });
});
