/**
 * The "details" button beside the Profile control: opens Profile details (ProfileDetails.tsx,
 * with every profile field's documentation and the sysctl form), loaded when first opened.
 */
import { lazy } from 'react';
import { DialogButton } from '../dialog/DialogButton';

const ProfileDetailsDialog = lazy(() => import('./ProfileDetails'));

export function ProfileDetailsButton({ className }: { className?: string | undefined }) {
  return (
    <DialogButton label="details" name="Profile details" className={className}>
      {({ close }) => <ProfileDetailsDialog onClose={() => close()} />}
    </DialogButton>
  );
}
