import { TextInput, type TextInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currencySymbol, formatMoneyInput, parseMoney } from '../format/money';

interface Props extends Omit<TextInputProps, 'onChange' | 'value'> {
  value?: string;
  onChange?: (value: string) => void;
  currency: string;
}

/**
 * An amount typed as the user writes it ("1 234,56" in French, "1,234.56" in English), kept as
 * text in the form (parse it with parseMoney on submit), tidied on blur when it parses.
 */
export function MoneyInput({ value = '', onChange = () => {}, currency, onBlur, ...rest }: Props) {
  const { i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'fr';
  return (
    <TextInput
      inputMode="decimal"
      autoComplete="off"
      {...rest}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      onBlur={(e) => {
        const cents = parseMoney(value, lng, currency);
        if (cents !== null && cents >= 0) onChange(formatMoneyInput(cents, lng, currency));
        onBlur?.(e);
      }}
      rightSection={<span style={{ fontSize: 'var(--mantine-font-size-sm)', color: 'var(--mantine-color-dimmed)' }}>{currencySymbol(currency, lng)}</span>}
      styles={{ input: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } }}
    />
  );
}
