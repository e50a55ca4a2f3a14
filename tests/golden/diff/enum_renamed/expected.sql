-- CreateEnum
CREATE TYPE "Rank" AS ENUM ('USER', 'ADMIN');

-- AlterTable
ALTER TABLE "Item" DROP COLUMN "role",
ADD COLUMN     "role" "Rank" NOT NULL;

-- DropEnum
DROP TYPE "Role";
