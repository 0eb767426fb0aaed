import {
  Box,
  Button,
  Checkbox,
  ColorInput,
  Divider,
  FileButton,
  Group,
  Image,
  NumberInput,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconPhoto, IconTrash, IconUpload } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/useAuth';
import { QueryState } from '../../components/QueryState';
import { SettingsFormFrame, useServerValues } from '../../components/SettingsForm';
import { applyServerErrorsAt, describeError } from '../../forms/serverErrors';
import { formatIBAN } from './format';
import { FormSection } from '../../components/FormSection';
import {
  usePortalLogo,
  usePortalSettings,
  useRemoveLogo,
  useSavePortalSettings,
  useUploadLogo,
  type PortalPaymentMethod,
  type PortalSettings,
  type PortalSettingsInput,
} from './queries';
import { optionalEmail } from '../../forms/validators';

const HEX = /^#[0-9a-fA-F]{6}$/;
export const MAX_LOGO_BYTES = 1024 * 1024;
const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/svg+xml'];
const METHODS: PortalPaymentMethod[] = ['card', 'sepa_debit'];
const SWATCHES = ['#1c7ed6', '#3b5bdb', '#0ca678', '#2b8a3e', '#e8590c', '#c92a2a', '#862e9c', '#212529'];

const PATHS = [
  'link_lifetime_days',
  'promise_horizon_days',
  'brand_color',
  'creditor_iban',
  'creditor_bic',
  'payment_methods',
  'contact_phone',
  'contact_email',
] as const;

type Values = Omit<PortalSettingsInput, 'link_lifetime_days' | 'promise_horizon_days'> & {
  link_lifetime_days: number | string;
  promise_horizon_days: number | string;
};

function toValues(s: PortalSettings): Values {
  return {
    link_lifetime_days: s.link_lifetime_days,
    promise_horizon_days: s.promise_horizon_days,
    brand_color: s.brand_color,
    creditor_iban: s.creditor_iban ? formatIBAN(s.creditor_iban) : '',
    creditor_bic: s.creditor_bic,
    payment_methods: s.payment_methods ?? [],
    contact_phone: s.contact_phone,
    contact_email: s.contact_email,
  };
}

/** The logo: preview, upload (PNG, JPEG or SVG up to 1 MB, sent at once) and removal. */
function LogoField({ settings, url, pending }: { settings: PortalSettings; url: string | null; pending: boolean }) {
  const { t } = useTranslation();
  const upload = useUploadLogo();
  const remove = useRemoveLogo();
  const [error, setError] = useState<string | null>(null);

  const onFile = (file: File | null) => {
    setError(null);
    if (!file) return;
    if (file.type && !LOGO_TYPES.includes(file.type)) return setError(t('portal.settings.logoType'));
    if (file.size > MAX_LOGO_BYTES) return setError(t('portal.settings.logoTooLarge'));
    upload.mutate(file, {
      onSuccess: () => notifications.show({ color: 'green', message: t('portal.settings.logoSaved') }),
      onError: (err) => setError(describeError(err, t)),
    });
  };
  const onRemove = () =>
    modals.openConfirmModal({
      title: t('portal.settings.logoRemoveTitle'),
      children: <Text size="sm">{t('portal.settings.logoRemoveConfirm')}</Text>,
      labels: { confirm: t('portal.settings.logoRemove'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(undefined, {
          onSuccess: () => notifications.show({ color: 'green', message: t('portal.settings.logoRemoved') }),
          onError: (err) => setError(describeError(err, t)),
        }),
    });

  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        {t('portal.settings.logo')}
      </Text>
      <Group gap="md" align="center" wrap="nowrap">
        <Box
          w={160}
          h={72}
          bg="gray.0"
          style={{ border: '1px dashed var(--mantine-color-gray-4)', borderRadius: 'var(--mantine-radius-md)', display: 'flex', alignItems: 'center', justifyContent: 'center', flexShrink: 0, overflow: 'hidden' }}
        >
          {settings.has_logo && pending ? (
            <Skeleton h={48} w={120} />
          ) : url ? (
            <Image src={url} alt={t('portal.settings.logoAlt')} mah={60} maw={140} fit="contain" data-testid="logo-preview" />
          ) : (
            <Stack gap={0} align="center">
              <IconPhoto size={22} color="var(--mantine-color-gray-5)" />
              <Text size="xs" c="dimmed">
                {t('portal.settings.noLogo')}
              </Text>
            </Stack>
          )}
        </Box>
        <Stack gap={6}>
          <Group gap="xs">
            <FileButton onChange={onFile} accept={LOGO_TYPES.join(',')}>
              {(props) => (
                <Button {...props} size="xs" variant="light" leftSection={<IconUpload size={14} />} loading={upload.isPending}>
                  {settings.has_logo ? t('portal.settings.logoReplace') : t('portal.settings.logoUpload')}
                </Button>
              )}
            </FileButton>
            {settings.has_logo && (
              <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} />} loading={remove.isPending} onClick={onRemove}>
                {t('portal.settings.logoRemove')}
              </Button>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {t('portal.settings.logoHelp')}
          </Text>
        </Stack>
      </Group>
      {error && (
        <Text size="xs" c="red" role="alert" data-testid="logo-error">
          {error}
        </Text>
      )}
    </Stack>
  );
}

/** How the top of the portal will look: the brand colour under the logo and the name. */
function HeaderPreview({ color, logoUrl, name }: { color: string; logoUrl: string | null; name: string }) {
  const { t } = useTranslation();
  const c = HEX.test(color) ? color : '#1c7ed6';
  return (
    <Paper withBorder radius="md" style={{ overflow: 'hidden' }} maw={420} aria-label={t('portal.settings.preview')}>
      <Box h={6} bg={c} />
      <Group px="sm" py={10} justify="space-between" wrap="nowrap">
        <Group gap="xs" wrap="nowrap" miw={0}>
          {logoUrl && <Image src={logoUrl} alt="" h={24} w="auto" fit="contain" />}
          <Text size="sm" fw={700} truncate>
            {name}
          </Text>
        </Group>
        <Box px={10} py={4} bg={c} style={{ borderRadius: 6, flexShrink: 0 }}>
          <Text size="xs" fw={600} c="white">
            {t('portal.settings.previewPay')}
          </Text>
        </Box>
      </Group>
    </Paper>
  );
}

/** Settings → Portal (the debtor page): links, promises, look, transfer details, online payment, contact. */
export function PortalSettingsPage() {
  const settings = usePortalSettings();
  return (
    <QueryState query={settings} loading={<Skeleton h={520} radius="lg" />}>
      {(s) => <SettingsForm settings={s} />}
    </QueryState>
  );
}

function SettingsForm({ settings }: { settings: PortalSettings }) {
  const { t } = useTranslation();
  const me = useMe();
  const save = useSavePortalSettings();
  const logo = usePortalLogo(settings.updated_at, settings.has_logo);
  const logoUrl = useMemo(() => (logo.data ? URL.createObjectURL(logo.data) : null), [logo.data]);
  useEffect(() => () => (logoUrl ? URL.revokeObjectURL(logoUrl) : undefined), [logoUrl]);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: toValues(settings),
    validate: {
      link_lifetime_days: (v) => (Number.isInteger(Number(v)) && Number(v) >= 1 && Number(v) <= 730 && v !== '' ? null : t('portal.settings.lifetimeRange')),
      promise_horizon_days: (v) => (Number.isInteger(Number(v)) && Number(v) >= 1 && Number(v) <= 365 && v !== '' ? null : t('portal.settings.horizonRange')),
      brand_color: (v) => (HEX.test(v.trim()) ? null : t('portal.settings.colorInvalid')),
      contact_email: optionalEmail(t),
    },
  });

  // The logo changed the settings (updated_at): take them unless the user is editing.
  const take = useServerValues(form, settings, () => toValues(settings));

  const submit = form.onSubmit((v) => {
    setError(null);
    const body: PortalSettingsInput = {
      link_lifetime_days: Number(v.link_lifetime_days),
      promise_horizon_days: Number(v.promise_horizon_days),
      brand_color: v.brand_color.trim().toLowerCase(),
      creditor_iban: v.creditor_iban.trim(),
      creditor_bic: v.creditor_bic.trim(),
      payment_methods: v.payment_methods,
      contact_phone: v.contact_phone.trim(),
      contact_email: v.contact_email.trim(),
    };
    save.mutate(body, {
      onSuccess: (s) => {
        take(toValues(s));
        notifications.show({ color: 'green', message: t('portal.settings.saved') });
      },
      onError: (err) => setError(applyServerErrorsAt(form, err, PATHS, t)),
    });
  });

  return (
    <SettingsFormFrame onSubmit={submit} error={error} saving={save.isPending} dirty={form.isDirty()}>
      <FormSection title={t('portal.settings.links')} description={t('portal.settings.linksHelp')}>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" maw={640}>
          <NumberInput
            label={t('portal.settings.lifetime')}
            description={t('portal.settings.lifetimeHelp')}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            min={1}
            max={730}
            allowDecimal={false}
            rightSection={<Text size="xs" c="dimmed" pr={28}>{t('portal.settings.days')}</Text>}
            rightSectionWidth={72}
            {...form.getInputProps('link_lifetime_days')}
          />
          <NumberInput
            label={t('portal.settings.horizon')}
            description={t('portal.settings.horizonHelp')}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            min={1}
            max={365}
            allowDecimal={false}
            rightSection={<Text size="xs" c="dimmed" pr={28}>{t('portal.settings.days')}</Text>}
            rightSectionWidth={72}
            {...form.getInputProps('promise_horizon_days')}
          />
        </SimpleGrid>
      </FormSection>
      <Divider />
      <FormSection title={t('portal.settings.look')} description={t('portal.settings.lookHelp')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
          <Stack gap="md">
            <ColorInput
              label={t('portal.settings.color')}
              format="hex"
              swatches={SWATCHES}
              swatchesPerRow={8}
              maw={260}
              {...form.getInputProps('brand_color')}
            />
            <LogoField settings={settings} url={logoUrl} pending={logo.isPending} />
          </Stack>
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              {t('portal.settings.preview')}
            </Text>
            <HeaderPreview color={form.values.brand_color} logoUrl={logoUrl} name={me.data?.organization.name ?? ''} />
          </Stack>
        </SimpleGrid>
      </FormSection>
      <Divider />
      <FormSection title={t('portal.settings.transfer')} description={t('portal.settings.transferHelp')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" maw={720}>
          <TextInput label={t('portal.settings.iban')} placeholder="FR76 3000 6000 0112 3456 7890 189" styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} autoComplete="off" spellCheck={false} {...form.getInputProps('creditor_iban')} />
          <TextInput label={t('portal.settings.bic')} placeholder="BNPAFRPP" autoComplete="off" spellCheck={false} {...form.getInputProps('creditor_bic')} />
        </SimpleGrid>
      </FormSection>
      <Divider />
      <FormSection title={t('portal.settings.online')} description={t('portal.settings.onlineHelp')}>
        <Checkbox.Group {...form.getInputProps('payment_methods')}>
          <Stack gap="xs">
            {METHODS.map((m) => (
              <Checkbox key={m} value={m} label={t(`portal.settings.methods.${m}`)} description={t(`portal.settings.methodsHelp.${m}`)} />
            ))}
          </Stack>
        </Checkbox.Group>
      </FormSection>
      <Divider />
      <FormSection title={t('portal.settings.contact')} description={t('portal.settings.contactHelp')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" maw={720}>
          <TextInput label={t('portal.settings.phone')} type="tel" placeholder="01 23 45 67 89" autoComplete="off" {...form.getInputProps('contact_phone')} />
          <TextInput label={t('portal.settings.email')} type="email" placeholder="compta@exemple.fr" autoComplete="off" {...form.getInputProps('contact_email')} />
        </SimpleGrid>
      </FormSection>
    </SettingsFormFrame>
  );
}
